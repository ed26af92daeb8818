/**
 * The user directory over HTTP. Everyone signed in may read who is who (id, name, roles,
 * team: owner pickers and chips need it); only admins create users, change roles or
 * passwords, and disable accounts. A changed password or a disabled account ends the
 * user's sessions.
 */
import { Router } from 'express';
import { sessionOf } from './auth.js';
import { contract, serve } from './contract.js';
import { ref } from './openapi-common.js';
import { invalidRequest } from './validate-request.js';
import { ROLES, type Sessions, type UserDirectory } from '../runtime/access/index.js';

const USER_ID = { type: 'string', pattern: '^(?!system:)[A-Za-z0-9_.:@-]{1,100}$', description: 'a user id: 1–100 letters, digits or _ . : @ -' } as const;
const ROLE_LIST = { type: 'array', items: { enum: ROLES }, uniqueItems: true, minItems: 1, maxItems: ROLES.length } as const;
const NAME = { type: 'string', minLength: 1, maxLength: 200 } as const;
const TEAM = { type: 'string', maxLength: 100 } as const;
const PASSWORD = { type: 'string', minLength: 10, maxLength: 200 } as const;
const USER_EMAIL = { type: 'string', maxLength: 254, pattern: '^[^\\s@]+@[^\\s@]+\\.[^\\s@]+$', description: 'an email address' } as const;
const USER_PHONE = { type: 'string', pattern: '^\\+?[0-9 .-]{8,15}$', description: 'a phone number' } as const;

const USER = {
  type: 'object',
  required: ['id', 'name', 'roles', 'disabled', 'version'],
  properties: {
    id: { type: 'string' },
    name: { type: 'string' },
    roles: { type: 'array', items: { enum: [...ROLES] } },
    team: { type: 'string' },
    disabled: { type: 'boolean' },
    away: { type: 'boolean', description: 'on leave: assignment rules pass them over' },
    email: { type: 'string' },
    phone: { type: 'string' },
    createdAt: { type: 'string', format: 'date-time' },
    updatedAt: { type: 'string', format: 'date-time' },
    version: { type: 'integer' },
  },
};

/** The user the routes below answer with (`components.schemas.User`). */
export const userSchemas: Record<string, unknown> = { User: USER };

const byId = { id: USER_ID } as const;

const listUsers = contract({
  method: 'get',
  path: '/users',
  operationId: 'listUsers',
  tags: ['users'],
  responses: { 200: { description: 'Every user', schema: { type: 'object', required: ['items'], properties: { items: { type: 'array', items: ref('User') } } } } },
});

const createUser = contract({
  method: 'post',
  path: '/users',
  operationId: 'createUser',
  tags: ['users'],
  description: 'The password is stored as a scrypt hash.',
  roles: ['admin'],
  body: {
    type: 'object',
    additionalProperties: false,
    required: ['id', 'name', 'roles', 'password'],
    properties: { id: USER_ID, name: NAME, roles: ROLE_LIST, team: TEAM, email: USER_EMAIL, phone: USER_PHONE, password: PASSWORD },
  },
  responses: { 201: { description: 'The new user', schema: ref('User') } },
  problems: { 400: 'invalid-request', 409: 'already-exists' },
});

const getUser = contract({
  method: 'get',
  path: '/users/:id',
  operationId: 'getUser',
  tags: ['users'],
  params: byId,
  responses: { 200: { description: 'The user', schema: ref('User') } },
  problems: { 400: 'invalid-request', 404: 'not-found' },
});

const updateUser = contract({
  method: 'patch',
  path: '/users/:id',
  operationId: 'updateUser',
  tags: ['users'],
  description: 'A new password or disabling ends the user’s sessions. `team: ""` removes the team; `version` guards against a concurrent change.',
  roles: ['admin'],
  params: byId,
  body: {
    type: 'object',
    additionalProperties: false,
    minProperties: 1,
    properties: {
      name: NAME,
      roles: ROLE_LIST,
      team: TEAM,
      disabled: { type: 'boolean' },
      away: { type: 'boolean' },
      email: { anyOf: [USER_EMAIL, { const: '' }] },
      phone: { anyOf: [USER_PHONE, { const: '' }] },
      password: PASSWORD,
      version: { type: 'integer', minimum: 1 },
    },
  },
  responses: { 200: { description: 'The user', schema: ref('User') } },
  problems: { 400: 'invalid-request', 404: 'not-found', 409: 'version-conflict' },
});

/** The contracts of the routes below (the OpenAPI document is made of them). */
export const userContracts = [listUsers, createUser, getUser, updateUser];

/**
 * `GET /users`, `POST /users`, `GET /users/:id`, `PATCH /users/:id`.
 * @example api.use(userRoutes(users, sessions));
 */
export function userRoutes(users: UserDirectory, sessions: Sessions): Router {
  const router = Router();

  serve(router, listUsers, async (_input, _req, res) => {
    res.json({ items: await users.list() });
  });

  serve(router, createUser, async ({ body }, req, res) => {
    const created = await users.create(body);
    res.location(`${req.baseUrl}/users/${encodeURIComponent(created.id)}`).status(201).json(created);
  });

  serve(router, getUser, async ({ params }, _req, res) => {
    res.json(await users.get(params.id));
  });

  serve(router, updateUser, async ({ params: { id }, body: change }, _req, res) => {
    const me = sessionOf(res).user;
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
