/** `npm run gen:api-types`: write the web app's API types (./api-types.ts). */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { PROJECT_ROOT } from '../build/project-files.js';
import { API_TYPES_FILE, shippedApiTypes } from './api-types.js';

await writeFile(path.join(PROJECT_ROOT, API_TYPES_FILE), await shippedApiTypes(PROJECT_ROOT));
console.log(`wrote ${API_TYPES_FILE}`);
