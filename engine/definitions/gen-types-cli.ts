/**
 * `npm run gen:types`: write `types.gen.ts` for every pack under definitions/ and
 * tests/fixtures/packs/, and engine/definitions/pack-format.gen.ts. Run from the project root.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  findPackDirs,
  generatePackFormatTypes,
  generatePackTypes,
  PACK_FORMAT_TYPES_FILE,
  PACK_ROOTS,
  PACK_TYPES_FILE,
} from './gen-types.js';

async function main(): Promise<void> {
  await writeFile(PACK_FORMAT_TYPES_FILE, await generatePackFormatTypes());
  console.log(`wrote ${PACK_FORMAT_TYPES_FILE}`);
  for (const dir of await findPackDirs(PACK_ROOTS)) {
    const file = join(dir, PACK_TYPES_FILE);
    await writeFile(file, await generatePackTypes(dir));
    console.log(`wrote ${file}`);
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
