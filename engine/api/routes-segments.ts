/**
 * The acting user's saved segments (named list filters) per entity. Every route needs an
 * actor; nobody sees or changes another user's segments (theirs are simply not there).
 */
import { Router, type Request } from 'express';
import type { Issue } from '../errors.js';
import type { Engine } from '../runtime/engine-port.js';
import { actorOf } from './auth.js';
import { bodyReader, invalidRequest, routeParams } from './validate-request.js';
import { SEGMENT_CONTROLS_MAX_BYTES, SEGMENT_NAME_MAX, segmentIssues, segmentNameIssues } from '../runtime/read/index.js';

/** The body of `PUT /segments/:entity/:name`; the size limit is checked by the engine's rule. */
export const SEGMENT_BODY = {
  type: 'object',
  additionalProperties: false,
  required: ['controls'],
  properties: {
    controls: {
      type: 'object',
      description: `the list's controls as the client keeps them (any JSON object, at most ${SEGMENT_CONTROLS_MAX_BYTES} bytes)`,
    },
  },
};
const readSegmentBody = bodyReader<{ controls: Record<string, unknown> }>(SEGMENT_BODY);

/** The segment name path parameter, as documented. */
export const SEGMENT_NAME = {
  type: 'string',
  minLength: 1,
  description: `a segment name: 1–${SEGMENT_NAME_MAX} characters once trimmed, no control characters (percent-encoded in the path)`,
};

/** The engine's pointers (`/name`, `/controls`) as pointers into the request. */
function inRequest(issues: Issue[]): Issue[] {
  return issues.map((issue) => ({
    ...issue,
    pointer: issue.pointer === '/name' ? '/params/name' : `/body${issue.pointer}`,
  }));
}

function segmentParams(req: Request): { entity: string; name: string } {
  const { entity } = routeParams(req, 'entity');
  const name: unknown = req.params.name;
  const issues = inRequest(segmentNameIssues(name));
  if (issues.length > 0) throw invalidRequest(issues);
  return { entity, name: name as string };
}

/**
 * `GET /segments/:entity`, `PUT /segments/:entity/:name`, `DELETE /segments/:entity/:name`.
 * @example api.use(segmentRoutes(engine));
 */
export function segmentRoutes(engine: Engine): Router {
  const router = Router();

  router.get('/segments/:entity', async (req, res) => {
    const user = actorOf(res);
    const { entity } = routeParams(req, 'entity');
    res.json({ items: await engine.listSegments(user, entity) });
  });

  router.put('/segments/:entity/:name', async (req, res) => {
    const user = actorOf(res);
    const { entity, name } = segmentParams(req);
    const { controls } = readSegmentBody(req);
    const issues = inRequest(segmentIssues(name, controls));
    if (issues.length > 0) throw invalidRequest(issues);
    const { segment, created } = await engine.saveSegment(user, entity, name, controls);
    res.status(created ? 201 : 200).json(segment);
  });

  router.delete('/segments/:entity/:name', async (req, res) => {
    const user = actorOf(res);
    const { entity, name } = segmentParams(req);
    await engine.deleteSegment(user, entity, name);
    res.status(204).end();
  });

  return router;
}
