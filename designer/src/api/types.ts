/**
 * The API's types for the web app, from the generated ./schema.gen.ts (`npm run
 * gen:api-types`, from the OpenAPI document the server serves). Name a response's shape
 * here rather than declaring it again: the server's documentation is the one source.
 */
import type { components, operations } from './schema.gen.js';

/** The document's named schemas (`components.schemas`). */
export type Schemas = components['schemas'];

type JsonContent<T> = T extends { content: { 'application/json': infer B } } ? B : never;

/** The JSON body an operation takes. */
export type RequestBody<Op extends keyof operations> = JsonContent<NonNullable<operations[Op]['requestBody']>>;

/** The JSON an operation answers with `status` (200 unless given). */
export type ResponseBody<Op extends keyof operations, Status extends number = 200> = operations[Op]['responses'] extends Record<Status, infer R> ? JsonContent<R> : never;

/** The query parameters an operation takes. */
export type QueryParams<Op extends keyof operations> = NonNullable<operations[Op]['parameters']['query']>;
