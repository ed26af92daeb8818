/**
 * Fixture packs for the loader tests: the paths of the committed ones, and throw-away
 * copies of a pack with one file changed, so each test breaks exactly one thing. Changes
 * are written as `{ '<JSON pointer>': newValue }` (undefined removes the member).
 */
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isRecord, segmentsOf } from '../../../engine/definitions/json-pointer.js';

export const PACKS = fileURLToPath(new URL('../../fixtures/packs/', import.meta.url));

/** A plain JSON object, for building definitions in tests. */
export type Json = Record<string, unknown>;
/** JSON pointer → new value; undefined removes the member. */
export type Changes = Record<string, unknown>;

export function fixturePack(name: string): string {
  return join(PACKS, name);
}

/** A temporary copy of a fixture pack; remove it with `dispose()`. */
export async function copyPack(name: string): Promise<{ dir: string; dispose: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), `tourflow-pack-${name}-`));
  await cp(fixturePack(name), dir, { recursive: true });
  return { dir, dispose: () => rm(dir, { recursive: true, force: true }) };
}

/** A copy of `value` with the changes applied. */
export function changed<T>(value: T, changes: Changes): T {
  const copy = structuredClone(value);
  for (const [pointer, next] of Object.entries(changes)) {
    const segments = segmentsOf(pointer);
    const last = segments.pop();
    let parent: unknown = copy;
    for (const segment of segments)
      parent = Array.isArray(parent)
        ? parent[Number(segment)]
        : isRecord(parent)
          ? parent[segment]
          : undefined;
    if (last === undefined || !(isRecord(parent) || Array.isArray(parent)))
      throw new Error(`nothing at ${pointer}`);
    if (Array.isArray(parent)) parent[Number(last)] = next;
    else if (next === undefined) delete parent[last];
    else parent[last] = next;
  }
  return copy;
}

/** Rewrite one JSON file of a pack copy with the changes applied. */
export async function patchJson(dir: string, file: string, changes: Changes): Promise<void> {
  await rewriteJson(dir, file, (json) => changed(json, changes));
}

/** Rewrite one JSON file of a pack copy through `rewrite`. */
export async function rewriteJson(
  dir: string,
  file: string,
  rewrite: (json: unknown) => unknown,
): Promise<void> {
  const json = JSON.parse(await readFile(join(dir, file), 'utf8')) as unknown;
  await writeFile(join(dir, file), JSON.stringify(rewrite(json), null, 2));
}

/** Read a JSON file of the fixture packs. */
export async function readFixture(pack: string, file: string): Promise<unknown> {
  return JSON.parse(await readFile(join(PACKS, pack, file), 'utf8')) as unknown;
}
