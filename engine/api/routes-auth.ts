/**
 * Signing in and out: `POST /auth/login` checks the password and starts a session (a
 * cookie for the web app, and the token in the body for other clients), `POST
 * /auth/logout` ends it, `GET /auth/me` says who is signed in and until when, `POST
 * /auth/password` changes one's own password.
 */
import { Router, type Request, type Response } from 'express';
import { SESSION_COOKIE, sessionOf, tokenOf } from './auth.js';
import { contract, serve } from './contract.js';
import { ref } from './openapi-common.js';
import type { Sessions } from '../runtime/access/index.js';

const SESSION = {
  type: 'object',
  required: ['user', 'expiresAt'],
  properties: { user: ref('User'), expiresAt: { type: 'string', format: 'date-time' }, token: { type: 'string', description: 'for `Authorization: Bearer`; only from login' } },
};

/** The session the routes below answer with (`components.schemas.Session`). */
export const authSchemas: Record<string, unknown> = { Session: SESSION };

const signIn = contract({
  method: 'post',
  path: '/auth/login',
  operationId: 'signIn',
  tags: ['auth'],
  roles: 'public',
  description: 'Check a password and start a session: an HttpOnly, SameSite=Strict cookie, and the same token in the body for `Authorization: Bearer`. Sessions last 12 hours. Attempts are counted before the password is checked: 60 a minute per address, and ten in a row without success lock the user id at that address for 15 minutes; a 429 says when to retry in `Retry-After`.',
  body: {
    type: 'object',
    additionalProperties: false,
    required: ['user', 'password'],
    properties: { user: { type: 'string', minLength: 1, maxLength: 100 }, password: { type: 'string', minLength: 1, maxLength: 200 } },
  },
  responses: { 200: { description: 'Signed in', schema: ref('Session') } },
  problems: { 400: 'invalid-request', 401: 'unauthenticated (one answer for an unknown user and a wrong password)', 429: 'too-many-attempts' },
});

const signOut = contract({
  method: 'post',
  path: '/auth/logout',
  operationId: 'signOut',
  tags: ['auth'],
  roles: 'public',
  description: 'Ends the session the request carries, if any.',
  responses: { 204: { description: 'Signed out; the cookie is cleared' } },
});

const whoAmI = contract({
  method: 'get',
  path: '/auth/me',
  operationId: 'whoAmI',
  tags: ['auth'],
  responses: { 200: { description: 'The signed-in user and when the session ends', schema: ref('Session') } },
});

const changeOwnPassword = contract({
  method: 'post',
  path: '/auth/password',
  operationId: 'changeOwnPassword',
  tags: ['auth'],
  description: "Change the signed-in user's password. The current password is checked (and counted like a sign-in); the new one is 10–200 characters, not only spaces, not the user id and not a common password. Every other session of the user ends.",
  body: {
    type: 'object',
    additionalProperties: false,
    required: ['currentPassword', 'newPassword'],
    properties: { currentPassword: { type: 'string', minLength: 1, maxLength: 200 }, newPassword: { type: 'string', minLength: 1, maxLength: 200 } },
  },
  responses: { 204: { description: 'Changed' } },
  problems: { 400: 'invalid-request (a wrong current password names /body/currentPassword)', 429: 'too-many-attempts' },
});

/** The contracts of the routes below (the OpenAPI document is made of them). */
export const authContracts = [signIn, signOut, whoAmI, changeOwnPassword];

function cookieOptions(req: Request, expires?: Date) {
  return { httpOnly: true, sameSite: 'strict' as const, secure: req.secure, path: '/', ...(expires ? { expires } : {}) };
}

function sendSession(res: Response, session: { user: unknown; expiresAt: string }): void {
  res.set('Cache-Control', 'no-store').json({ user: session.user, expiresAt: session.expiresAt });
}

/**
 * @example api.use(authRoutes(sessions));
 */
export function authRoutes(sessions: Sessions): Router {
  const router = Router();

  serve(router, signIn, async ({ body: { user, password } }, req, res) => {
    const session = await sessions.signIn(user, password, req.ip ?? '');
    res.cookie(SESSION_COOKIE, session.token, cookieOptions(req, new Date(session.expiresAt)));
    res.set('Cache-Control', 'no-store').json({ user: session.user, expiresAt: session.expiresAt, token: session.token });
  });

  serve(router, signOut, async (_input, req, res) => {
    const token = tokenOf(req);
    if (token) await sessions.signOut(token);
    res.clearCookie(SESSION_COOKIE, cookieOptions(req));
    res.status(204).end();
  });

  serve(router, whoAmI, (_input, _req, res) => sendSession(res, sessionOf(res)));

  serve(router, changeOwnPassword, async ({ body: { currentPassword, newPassword } }, req, res) => {
    await sessions.changeOwnPassword(sessionOf(res), currentPassword, newPassword, req.ip ?? '');
    res.status(204).end();
  });

  return router;
}
