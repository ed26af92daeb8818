/**
 * Signing in and out: `POST /auth/login` checks the password and starts a session (a
 * cookie for the web app, and the token in the body for other clients), `POST
 * /auth/logout` ends it, `GET /auth/me` says who is signed in and until when, `POST
 * /auth/password` changes one's own password.
 */
import { Router, type Request, type Response } from 'express';
import { SESSION_COOKIE, sessionOf, tokenOf } from './auth.js';
import { bodyReader } from './validate-request.js';
import type { Sessions } from '../runtime/access/index.js';

export const LOGIN_BODY = {
  type: 'object',
  additionalProperties: false,
  required: ['user', 'password'],
  properties: {
    user: { type: 'string', minLength: 1, maxLength: 100 },
    password: { type: 'string', minLength: 1, maxLength: 200 },
  },
};
const readLogin = bodyReader<{ user: string; password: string }>(LOGIN_BODY);

export const PASSWORD_CHANGE_BODY = {
  type: 'object',
  additionalProperties: false,
  required: ['currentPassword', 'newPassword'],
  properties: {
    currentPassword: { type: 'string', minLength: 1, maxLength: 200 },
    newPassword: { type: 'string', minLength: 1, maxLength: 200 },
  },
};
const readPasswordChange = bodyReader<{ currentPassword: string; newPassword: string }>(PASSWORD_CHANGE_BODY);

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

  router.post('/auth/login', async (req, res) => {
    const { user, password } = readLogin(req);
    const session = await sessions.signIn(user, password, req.ip ?? '');
    res.cookie(SESSION_COOKIE, session.token, cookieOptions(req, new Date(session.expiresAt)));
    res.set('Cache-Control', 'no-store').json({ user: session.user, expiresAt: session.expiresAt, token: session.token });
  });

  router.post('/auth/logout', async (req, res) => {
    const token = tokenOf(req);
    if (token) await sessions.signOut(token);
    res.clearCookie(SESSION_COOKIE, cookieOptions(req));
    res.status(204).end();
  });

  router.get('/auth/me', (_req, res) => sendSession(res, sessionOf(res)));

  router.post('/auth/password', async (req, res) => {
    const session = sessionOf(res);
    const { currentPassword, newPassword } = readPasswordChange(req);
    await sessions.changeOwnPassword(session, currentPassword, newPassword, req.ip ?? '');
    res.status(204).end();
  });

  return router;
}
