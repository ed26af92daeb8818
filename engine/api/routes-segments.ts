/**
 * The acting user's saved segments (named list filters) per entity. Every route needs an
 * actor; nobody sees or changes another user's segments (theirs are simply not there).
 */
import { Router } from 'express';
import type { Issue } from '../errors.js';
import type { Engine } from '../runtime/engine-port.js';
import { actorOf } from './auth.js';
import { contract, serve } from './contract.js';
import { ref } from './openapi-common.js';
import { ENTITY_NAME, invalidRequest } from './validate-request.js';
import { SEGMENT_CONTROLS_MAX_BYTES, SEGMENT_NAME_MAX, segmentIssues, segmentNameIssues } from '../runtime/read/index.js';

/** The segment the routes below answer with. */
export const segmentSchemas: Record<string, unknown> = {
  Segment: {
    type: 'object',
    description: "A named list filter of the acting user: the list's controls, not the records they select.",
    required: ['name', 'entity', 'controls', 'createdAt', 'updatedAt'],
    properties: {
      name: { type: 'string' },
      entity: { type: 'string' },
      controls: { type: 'object' },
      createdAt: { type: 'string', format: 'date-time' },
      updatedAt: { type: 'string', format: 'date-time' },
    },
  },
};

/** The segment name path parameter; the engine's rule checks it in full (`segmentNameIssues`). */
const SEGMENT_NAME = {
  type: 'string',
  minLength: 1,
  description: `a segment name: 1–${SEGMENT_NAME_MAX} characters once trimmed, no control characters (percent-encoded in the path)`,
} as const;

const listSegments = contract({
  method: 'get',
  path: '/segments/:entity',
  operationId: 'listSegments',
  tags: ['segments'],
  description: "The actor's segments of an entity, by name. Other users' segments are never listed.",
  params: { entity: ENTITY_NAME },
  responses: { 200: { description: 'The segments', schema: { type: 'object', required: ['items'], properties: { items: { type: 'array', items: ref('Segment') } } } } },
  problems: { 400: 'invalid-request', 404: 'unknown-entity' },
});

const saveSegment = contract({
  method: 'put',
  path: '/segments/:entity/:name',
  operationId: 'saveSegment',
  tags: ['segments'],
  description: 'Save the controls under this name (trimmed), replacing a segment of the same name. One durable write.',
  params: { entity: ENTITY_NAME, name: SEGMENT_NAME },
  body: {
    type: 'object',
    additionalProperties: false,
    required: ['controls'],
    properties: { controls: { type: 'object', description: `the list's controls as the client keeps them (any JSON object, at most ${SEGMENT_CONTROLS_MAX_BYTES} bytes)` } },
  },
  responses: { 200: { description: 'The segment, replaced', schema: ref('Segment') }, 201: { description: 'The segment, created', schema: ref('Segment') } },
  problems: { 400: 'invalid-request', 404: 'unknown-entity' },
});

const deleteSegment = contract({
  method: 'delete',
  path: '/segments/:entity/:name',
  operationId: 'deleteSegment',
  tags: ['segments'],
  params: { entity: ENTITY_NAME, name: SEGMENT_NAME },
  responses: { 204: { description: 'Deleted' } },
  problems: { 400: 'invalid-request', 404: 'not-found or unknown-entity' },
});

/** The contracts of the routes below (the OpenAPI document is made of them). */
export const segmentContracts = [listSegments, saveSegment, deleteSegment];

/** The engine's pointers (`/name`, `/controls`) as pointers into the request. */
function inRequest(issues: Issue[]): Issue[] {
  return issues.map((issue) => ({
    ...issue,
    pointer: issue.pointer === '/name' ? '/params/name' : `/body${issue.pointer}`,
  }));
}

function checkName(name: string): void {
  const issues = inRequest(segmentNameIssues(name));
  if (issues.length > 0) throw invalidRequest(issues);
}

/**
 * `GET /segments/:entity`, `PUT /segments/:entity/:name`, `DELETE /segments/:entity/:name`.
 * @example api.use(segmentRoutes(engine));
 */
export function segmentRoutes(engine: Engine): Router {
  const router = Router();

  serve(router, listSegments, async ({ params: { entity } }, _req, res) => {
    res.json({ items: await engine.listSegments(actorOf(res), entity) });
  });

  serve(router, saveSegment, async ({ params: { entity, name }, body: { controls } }, _req, res) => {
    checkName(name);
    const issues = inRequest(segmentIssues(name, controls));
    if (issues.length > 0) throw invalidRequest(issues);
    const { segment, created } = await engine.saveSegment(actorOf(res), entity, name, controls);
    res.status(created ? 201 : 200).json(segment);
  });

  serve(router, deleteSegment, async ({ params: { entity, name } }, _req, res) => {
    checkName(name);
    await engine.deleteSegment(actorOf(res), entity, name);
    res.status(204).end();
  });

  return router;
}
