/**
 * Who is making a request: a signed-in session, carried as an HttpOnly, SameSite=Strict
 * cookie (the web app) or an `Authorization: Bearer` token (scripts, plugins, tests).
 * Every `/api` route needs one except signing in, the health check and the OpenAPI
 * document. Nothing else in the API reads credentials; `actorOf`/`userOf` give handlers
 * the user.
 */
import type { Request, RequestHandler, Response } from 'express';
import { UserError } from '../errors.js';
import type { Session, Sessions, User } from '../runtime/access/index.js';
import type { Actor } from '../runtime/core/index.js';

export const SESSION_COOKIE = 'tourflow_session';

function unauthenticated(res: Response, message: string): UserError {
  // RFC 9110 §15.5.2: a 401 names the scheme the client should use.
  res.set('WWW-Authenticate', 'Bearer realm="tourflow"');
  return new UserError('unauthenticated', message);
}

/**
 * The value of one cookie of the request, if sent; '' when it is malformed (bad percent
 * escapes), which no session matches: a 401, never a 500.
 */
function cookie(req: Request, name: string): string | undefined {
  for (const part of (req.get('cookie') ?? '').split(';')) {
    const at = part.indexOf('=');
    if (at > 0 && part.slice(0, at).trim() === name) {
      try {
        return decodeURIComponent(part.slice(at + 1).trim());
      } catch {
        return '';
      }
    }
  }
  return undefined;
}

/**
 * Refuse a write from another site that a browser would carry this site's cookie on:
 * every non-GET request that names an `Origin` other than this one and has no bearer
 * token, signed in or not (sign-in and sign-out included).
 */
function checkOrigin(req: Request): void {
  const origin = req.get('origin');
  if (origin === undefined || SAFE_METHODS.has(req.method) || req.get('authorization') !== undefined) return;
  if (origin !== `${req.protocol}://${req.get('host') ?? ''}`) {
    throw new UserError('forbidden', `A write from ${origin} is not accepted with this site's session`);
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** The session token a request carries: the Authorization header wins over the cookie. */
export function tokenOf(req: Request): string | undefined {
  const header = req.get('authorization');
  if (header !== undefined) {
    const match = /^Bearer ([A-Za-z0-9_-]{20,200})$/.exec(header.trim());
    return match?.[1] ?? '';
  }
  return cookie(req, SESSION_COOKIE);
}

/**
 * Establish `res.locals.session` (and `actor`) from the request's token, or refuse with
 * 401. A write carried by the cookie must come from this origin when the browser says
 * where it comes from (SameSite=Strict already keeps other sites' requests cookie-less).
 * `open`: the routes anyone may call, `METHOD /path` under /api (their contracts say
 * `roles: 'public'`: sign-in, sign-out, health, this API's document).
 * @example api.use(authenticate(sessions, publicRoutes(ROUTE_CONTRACTS)));
 */
export function authenticate(sessions: Sessions, open: ReadonlySet<string>): RequestHandler {
  return async (req, res, next) => {
    checkOrigin(req);
    if (open.has(`${req.method} ${req.path}`)) {
      next();
      return;
    }
    const token = tokenOf(req);
    if (token === undefined) throw unauthenticated(res, 'Sign in first: this request carries no session');
    const session = token === '' ? undefined : await sessions.resolve(token);
    if (!session) throw unauthenticated(res, 'The session is unknown or has expired: sign in again');
    res.locals.session = session;
    res.locals.actor = session.user.id;
    next();
  };
}

/** The signed-in session of a request that went through `authenticate`. */
export function sessionOf(res: Response): Session {
  const session = res.locals.session as Session | undefined;
  if (!session) throw unauthenticated(res, 'Sign in first: this request carries no session');
  return session;
}

/** The signed-in user. */
export function userOf(res: Response): User {
  return sessionOf(res).user;
}

/**
 * The actor of a request: the signed-in user's id, as the event log records it.
 * @example await engine.create(entity, input, actorOf(res));
 */
export function actorOf(res: Response): Actor {
  return sessionOf(res).user.id;
}

/** How ./openapi.ts documents the two ways of carrying a session. */
export const securitySchemes = {
  bearer: { type: 'http', scheme: 'bearer', description: 'The token `POST /api/auth/login` returns.' },
  sessionCookie: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE, description: 'Set by `POST /api/auth/login` (HttpOnly, SameSite=Strict).' },
} as const;
