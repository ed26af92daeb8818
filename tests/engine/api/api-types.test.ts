/**
 * The web app's API types (designer/src/api/schema.gen.ts) are generated from the OpenAPI
 * document the server serves: this fails when the document changed and the checked-in
 * types were not regenerated (`npm run gen:api-types`), so the web app cannot drift from it.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { API_TYPES_FILE, apiTypesSource, shippedApiTypes } from '../../../engine/api/api-types.js';
import { buildOpenApi } from '../../../engine/api/openapi.js';
import { PROJECT_ROOT } from '../../../engine/build/project-files.js';

describe('the web app’s generated API types', () => {
  it('are what the served document gives today (npm run gen:api-types)', async () => {
    const checkedIn = await readFile(path.join(PROJECT_ROOT, API_TYPES_FILE), 'utf8');
    const fresh = await shippedApiTypes(PROJECT_ROOT);
    // Not toBe: a diff of 800 kB helps nobody. Say which lines differ first.
    const [a, b] = [checkedIn.split('\n'), fresh.split('\n')];
    const first = a.findIndex((line, i) => line !== b[i]);
    expect(first === -1 && a.length === b.length, `${API_TYPES_FILE} is out of date from line ${first + 1}: run npm run gen:api-types`).toBe(true);
  }, 60_000);

  it('follow a change of the document', async () => {
    const doc = buildOpenApi([]);
    const before = await apiTypesSource(doc);
    const changed = structuredClone(doc);
    (changed.components as { schemas: Record<string, unknown> }).schemas.Labels = { type: 'object', required: ['vi'], properties: { vi: { type: 'string' } } };
    const after = await apiTypesSource(changed);
    expect(before).toContain('en: string;');
    expect(after).not.toBe(before);
  }, 60_000);
});
