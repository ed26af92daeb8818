/**
 * The OpenAPI 3.1 document: the paths are the routes' contracts (./contract.ts, listed in
 * ./route-contracts.ts), the per-entity ones once per entity the engine holds now with its
 * schemas (./openapi-entity.ts). Rebuilt only when the set of definition versions changes.
 */
import { contractPaths } from './contract.js';
import { authSchemas } from './routes-auth.js';
import { userSchemas } from './routes-users.js';
import { ROUTE_CONTRACTS } from './route-contracts.js';
import type { EntityDefinition } from '../definitions/definition.js';
import type { Engine } from '../runtime/engine-port.js';
import { securitySchemes, sharedParameters, sharedSchemas, WRITE_SECURITY } from './openapi-common.js';
import { channelSchemas } from './routes-channels.js';
import { automationSchemas } from './routes-automations.js';
import { conversationSchemas } from './routes-conversations.js';
import { relatedSchemas } from './related-schemas.js';
import { reminderSchemas } from './reminder-schemas.js';
import { segmentSchemas } from './routes-segments.js';
import { reportSchemas } from './routes-reports.js';
import { dashboardSchemas } from './routes-dashboards.js';
import { migrationSchemas } from './routes-definition-changes.js';
import { assignmentSchemas } from './routes-assignment-rules.js';
import { simulationSchemas } from './routes-definition-simulation.js';
import { anyRecordSchema, entityOpenApi, recordAnswerSchemas, machineNames, schemaName } from './openapi-entity.js';

export type OpenApiDocument = Record<string, unknown> & { openapi: '3.1.0' };

/** The schemas every document has, whatever the entities. */
const fixedSchemas = (): Record<string, unknown> => ({ ...sharedSchemas, ...authSchemas, ...userSchemas, AnyRecord: anyRecordSchema(), ...recordAnswerSchemas, ...automationSchemas, ...channelSchemas, ...conversationSchemas, ...migrationSchemas, ...assignmentSchemas, ...simulationSchemas, ...reportSchemas, ...dashboardSchemas, ...relatedSchemas, ...reminderSchemas, ...segmentSchemas });

/**
 * Component names per entity; two entities that would share one, or one whose schemas
 * would take a fixed schema's name (an entity `any` and `AnyRecord`), get their raw names.
 */
function componentNames(definitions: EntityDefinition[], fixed: Record<string, unknown>): Map<string, string> {
  const names = new Map(definitions.map((d) => [d.entity, schemaName(d.entity)]));
  const counts = new Map<string, number>();
  for (const name of names.values()) counts.set(name, (counts.get(name) ?? 0) + 1);
  const takesFixed = (name: string) => ['Data', 'Record', 'Event'].some((suffix) => `${name}${suffix}` in fixed);
  for (const [entity, name] of names) if ((counts.get(name) ?? 0) > 1 || takesFixed(name)) names.set(entity, entity);
  return names;
}

/**
 * Build the document for a set of definitions.
 * @example const doc = buildOpenApi(await engine.listDefinitions());
 */
export function buildOpenApi(definitions: EntityDefinition[]): OpenApiDocument {
  const sorted = [...definitions].sort((a, b) => a.entity.localeCompare(b.entity));
  const schemas = fixedSchemas();
  const names = componentNames(sorted, schemas);
  const entities = sorted.map((d) => ({ entity: d.entity, name: names.get(d.entity) ?? d.entity, ...machineNames(d) }));
  const paths = contractPaths(ROUTE_CONTRACTS, entities);
  for (const definition of sorted) Object.assign(schemas, entityOpenApi(definition, names.get(definition.entity) ?? definition.entity).schemas);
  return {
    openapi: '3.1.0',
    info: {
      title: 'tourflow API',
      version: '0.1.0',
      description: 'Records move through declared pipelines. Errors are application/problem+json (RFC 9457).',
      'x-definition-versions': Object.fromEntries(sorted.map((d) => [d.entity, d.version])),
    },
    tags: [
      { name: 'auth' },
      { name: 'users' },
      { name: 'meta' },
      { name: 'registry' },
      { name: 'definitions' },
      { name: 'inbox' },
      { name: 'segments' },
      ...sorted.map((d) => ({ name: d.entity })),
    ],
    // Every operation needs a session unless it says `security: []` (sign-in, health, this document).
    security: WRITE_SECURITY,
    paths,
    components: { schemas, parameters: sharedParameters, securitySchemes },
  };
}

/**
 * Serve the document for the engine's current definitions, building it once per set of
 * definition versions.
 * @example const docs = openApiSource(engine); res.json(await docs());
 */
export function openApiSource(engine: Engine): () => Promise<OpenApiDocument> {
  let cached: { key: string; document: OpenApiDocument } | undefined;
  return async () => {
    const definitions = await engine.listDefinitions();
    const key = definitions
      .map((d) => `${d.entity}@${d.version}`)
      .sort()
      .join(',');
    if (cached?.key !== key) cached = { key, document: buildOpenApi(definitions) };
    return cached.document;
  };
}
