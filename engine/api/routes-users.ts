/**
 * The user directory over HTTP. Everyone signed in may read who is who (id, name, roles,
 * team: owner pickers and chips need it); only admins create users, change roles or
 * passwords, and disable accounts. A changed password or a disabled account ends the
 * user's sessions.
 */
import { Router, type Request } from 'express';
import { requireRole } from './authorize.js';
import { sessionOf, userOf } from './auth.js';
import { bodyReader, invalidRequest } from './validate-request.js';
import { ROLES, type NewUser, type Sessions, type UserChange, type UserDirectory } from '../runtime/access/index.js';

const USER_ID = { type: 'string', pattern: '^(?!system:)[A-Za-z0-9_.:@-]{1,100}$' };
const ROLE_LIST = { type: 'array', items: { enum: [...ROLES] }, uniqueItems: true, maxItems: ROLES.length };
const NAME = { type: 'string', minLength: 1, maxLength: 200 };
const TEAM = { type: 'string', maxLength: 100 };
const PASSWORD = { type: 'string', minLength: 10, maxLength: 200 };

const USER_EMAIL = { type: 'string', maxLength: 254, pattern: '^[^\\s@]+@[^\\s@]+\\.[^\\s@]+$', description: 'an email address' };
const USER_PHONE = { type: 'string', pattern: '^\\+?[0-9 .-]{8,15}$', description: 'a phone number' };
export const NEW_USER_BODY = {
  type: 'object',
  additionalProperties: false,
  required: ['id', 'name', 'roles', 'password'],
  properties: { id: USER_ID, name: NAME, roles: { ...ROLE_LIST, minItems: 1 }, team: TEAM, email: USER_EMAIL, phone: USER_PHONE, password: PASSWORD },
};
export const USER_CHANGE_BODY = {
  type: 'object',
  additionalProperties: false,
  minProperties: 1,
  properties: { name: NAME, roles: { ...ROLE_LIST, minItems: 1 }, team: TEAM, disabled: { type: 'boolean' }, away: { type: 'boolean' }, email: { anyOf: [USER_EMAIL, { const: '' }] }, phone: { anyOf: [USER_PHONE, { const: '' }] }, password: PASSWORD, version: { type: 'integer', minimum: 1 } },
};
const readNewUser = bodyReader<NewUser>(NEW_USER_BODY);
const readChange = bodyReader<UserChange>(USER_CHANGE_BODY);

function userIdParam(req: Request): string {
  const id = req.params.id;
  if (typeof id !== 'string' || !new RegExp(USER_ID.pattern).test(id)) {
    throw invalidRequest([{ pointer: '/params/id', message: 'must be a user id: 1–100 letters, digits or _ . : @ -' }]);
  }
  return id;
}

/**
 * `GET /users`, `POST /users`, `GET /users/:id`, `PATCH /users/:id`.
 * @example api.use(userRoutes(users, sessions));
 */
export function userRoutes(users: UserDirectory, sessions: Sessions): Router {
  const router = Router();

  router.get('/users', async (_req, res) => {
    userOf(res);
    res.json({ items: await users.list() });
  });

  router.post('/users', async (req, res) => {
    requireRole(res, 'admin');
    const created = await users.create(readNewUser(req));
    res.location(`${req.baseUrl}/users/${encodeURIComponent(created.id)}`).status(201).json(created);
  });

  router.get('/users/:id', async (req, res) => {
    userOf(res);
    res.json(await users.get(userIdParam(req)));
  });

  router.patch('/users/:id', async (req, res) => {
    const me = requireRole(res, 'admin');
    const id = userIdParam(req);
    const change = readChange(req);
    if (id === me.id && (change.disabled === true || (change.roles && !change.roles.includes('admin')))) {
      throw invalidRequest([{ pointer: change.disabled ? '/body/disabled' : '/body/roles', message: 'an admin cannot lock themselves out' }]);
    }
    const updated = await users.update(id, change);
    // Everyone signed in as that user is signed out, but the admin making the change.
    if (change.password !== undefined || change.disabled === true) await sessions.signOutEverywhere(id, id === me.id ? sessionOf(res).token : undefined);
    res.json(updated);
  });

  return router;
}
