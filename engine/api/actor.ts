/**
 * Who is making a request. For now the actor is the user id in the `X-Actor` header;
 * real authentication replaces this file, so nothing else in the API reads that header
 * or decides who may write.
 */
import type { RequestHandler, Response } from 'express';
import { UserError } from '../errors.js';
import type { Actor } from '../runtime/engine-port.js';

const ACTOR_HEADER = 'X-Actor';
const USER_ID = /^[A-Za-z0-9_.:@-]{1,100}$/;
const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

function unauthenticated(res: Response, message: string): UserError {
  // RFC 9110 §15.5.2: a 401 names the scheme the client should use.
  res.set('WWW-Authenticate', `${ACTOR_HEADER} realm="tourflow"`);
  return new UserError('unauthenticated', message);
}

/**
 * Establish `res.locals.actor`. Writes need a valid actor (401 otherwise); reads may be
 * anonymous. `system:` actors are the engine's own (timers, effects) and are refused
 * from HTTP, as is a malformed header on any request.
 * @example api.use(establishActor);
 */
export const establishActor: RequestHandler = (req, res, next) => {
  const raw = req.get(ACTOR_HEADER);
  if (raw === undefined) {
    if (WRITE_METHODS.has(req.method))
      throw unauthenticated(res, `A write needs the ${ACTOR_HEADER} header naming the user`);
    next();
    return;
  }
  if (!USER_ID.test(raw)) {
    throw unauthenticated(res, `${ACTOR_HEADER} must be 1–100 characters of letters, digits and _ . : @ -`);
  }
  if (raw.startsWith('system:')) {
    throw new UserError('forbidden', `"${raw}" is a system actor; it cannot act over HTTP`);
  }
  res.locals.actor = raw;
  next();
};

/**
 * The actor of a request that went through `establishActor`.
 * @example await engine.create(entity, input, actorOf(res));
 */
export function actorOf(res: Response): Actor {
  const actor: unknown = res.locals.actor;
  if (typeof actor !== 'string')
    throw unauthenticated(res, `This request needs the ${ACTOR_HEADER} header naming the user`);
  return actor;
}

/** How ./openapi.ts documents this way of naming the actor. */
export const actorSecurityScheme = {
  type: 'apiKey',
  in: 'header',
  name: ACTOR_HEADER,
  description:
    'The acting user id (1–100 of A-Z a-z 0-9 _ . : @ -). Required for writes; `system:` ids are refused.',
} as const;
