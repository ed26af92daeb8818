/** `npm run build:server`: the server compiled into dist/ (./build-server.ts). */
import { BUILD_DIR, buildServer } from './build-server.js';

const started = Date.now();
const count = await buildServer();
console.log(`built ${count} server modules into ${BUILD_DIR}/ in ${Date.now() - started} ms`);
