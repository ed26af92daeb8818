/**
 * Staff never see a raw enum value ("web-form", "VIP1") in the travel CRM: every value of
 * every enum of the pack has a Vietnamese and an English label in `x-enumLabels`.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { TRAVEL_CRM } from './travel-server.js';

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Every subschema with an `enum`, with its pointer. */
function enumsOf(node: unknown, at = ''): { at: string; schema: Json }[] {
  if (!isObject(node)) return [];
  const here = Array.isArray(node.enum) ? [{ at, schema: node }] : [];
  return [...here, ...Object.entries(node).flatMap(([key, inner]) => enumsOf(inner, `${at}/${key}`))];
}

describe('the travel-crm pack, enum labels', () => {
  it('labels every value of every enum in vi and en', async () => {
    const files = (await readdir(TRAVEL_CRM)).filter((f) => f.endsWith('.schema.json'));
    let values = 0;
    for (const file of files) {
      const schema = JSON.parse(await readFile(join(TRAVEL_CRM, file), 'utf8')) as unknown;
      for (const { at, schema: field } of enumsOf(schema)) {
        const labels = field['x-enumLabels'];
        expect(isObject(labels), `${file}#${at} has x-enumLabels`).toBe(true);
        for (const value of field.enum as unknown[]) {
          const label = isObject(labels) ? labels[String(value)] : undefined;
          expect(isObject(label) && label.vi && label.en, `${file}#${at}: "${String(value)}"`).toBeTruthy();
          values++;
        }
      }
    }
    expect(values).toBeGreaterThan(140);
  });

  it('uses the glossary words for the kinds of customer', async () => {
    const lead = JSON.parse(await readFile(join(TRAVEL_CRM, 'lead.schema.json'), 'utf8')) as {
      properties: { kind: { 'x-enumLabels': Record<string, { vi: string; en: string }> } };
    };
    expect(lead.properties.kind['x-enumLabels']).toEqual({
      individual: { vi: 'Cá nhân', en: 'Individual' },
      business: { vi: 'Doanh nghiệp', en: 'Business' },
      agent: { vi: 'Đại lý', en: 'Agent' },
      collaborator: { vi: 'Cộng tác viên (CTV)', en: 'Collaborator' },
    });
  });
});
