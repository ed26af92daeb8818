/** OpenAPI paths of signing in (./routes-auth.ts) and of the user directory (./routes-users.ts). */
import { jsonBody, jsonResponse, problems, ref, WRITE_SECURITY } from './openapi-common.js';
import { LOGIN_BODY, PASSWORD_CHANGE_BODY } from './routes-auth.js';
import { NEW_USER_BODY, USER_CHANGE_BODY } from './routes-users.js';
import { ROLES } from '../runtime/access/index.js';

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
const SESSION = {
  type: 'object',
  required: ['user', 'expiresAt'],
  properties: { user: ref('User'), expiresAt: { type: 'string', format: 'date-time' }, token: { type: 'string', description: 'for `Authorization: Bearer`; only from login' } },
};
const USER_ID_PARAM = { name: 'id', in: 'path', required: true, schema: { type: 'string', pattern: '^[A-Za-z0-9_.:@-]{1,100}$' } };

/** The users and sessions the paths below answer with. */
export const authSchemas: Record<string, unknown> = { User: USER, Session: SESSION };

/** Paths served by routes-auth.ts and routes-users.ts. */
export const authPaths: Record<string, unknown> = {
  '/api/auth/login': {
    post: {
      operationId: 'signIn',
      tags: ['auth'],
      security: [],
      description: 'Check a password and start a session: an HttpOnly, SameSite=Strict cookie, and the same token in the body for `Authorization: Bearer`. Sessions last 12 hours. Attempts are counted before the password is checked: 60 a minute per address, and ten in a row without success lock the user id at that address for 15 minutes; a 429 says when to retry in `Retry-After`.',
      requestBody: jsonBody(LOGIN_BODY),
      responses: {
        200: jsonResponse('Signed in', ref('Session')),
        ...problems({ 400: 'invalid-request', 401: 'unauthenticated (one answer for an unknown user and a wrong password)', 429: 'too-many-attempts' }),
      },
    },
  },
  '/api/auth/logout': {
    post: {
      operationId: 'signOut',
      tags: ['auth'],
      security: WRITE_SECURITY,
      responses: { 204: { description: 'Signed out; the cookie is cleared' }, ...problems({ 401: 'unauthenticated' }) },
    },
  },
  '/api/auth/password': {
    post: {
      operationId: 'changeOwnPassword',
      tags: ['auth'],
      security: WRITE_SECURITY,
      description: 'Change the signed-in user\'s password. The current password is checked (and counted like a sign-in); the new one is 10–200 characters, not only spaces, not the user id and not a common password. Every other session of the user ends.',
      requestBody: jsonBody(PASSWORD_CHANGE_BODY),
      responses: { 204: { description: 'Changed' }, ...problems({ 400: 'invalid-request (a wrong current password names /body/currentPassword)', 401: 'unauthenticated', 429: 'too-many-attempts' }) },
    },
  },
  '/api/auth/me': {
    get: {
      operationId: 'whoAmI',
      tags: ['auth'],
      security: WRITE_SECURITY,
      responses: { 200: jsonResponse('The signed-in user and when the session ends', ref('Session')), ...problems({ 401: 'unauthenticated' }) },
    },
  },
  '/api/users': {
    get: {
      operationId: 'listUsers',
      tags: ['users'],
      security: WRITE_SECURITY,
      responses: { 200: jsonResponse('Every user', { type: 'object', properties: { items: { type: 'array', items: ref('User') } } }), ...problems({ 401: 'unauthenticated' }) },
    },
    post: {
      operationId: 'createUser',
      tags: ['users'],
      security: WRITE_SECURITY,
      description: 'Admins only. The password is stored as a scrypt hash.',
      requestBody: jsonBody(NEW_USER_BODY),
      responses: { 201: jsonResponse('The new user', ref('User')), ...problems({ 400: 'invalid-request', 401: 'unauthenticated', 403: 'forbidden' }) },
    },
  },
  '/api/users/{id}': {
    parameters: [USER_ID_PARAM],
    get: {
      operationId: 'getUser',
      tags: ['users'],
      security: WRITE_SECURITY,
      responses: { 200: jsonResponse('The user', ref('User')), ...problems({ 401: 'unauthenticated', 404: 'not-found' }) },
    },
    patch: {
      operationId: 'updateUser',
      tags: ['users'],
      security: WRITE_SECURITY,
      description: 'Admins only. A new password or disabling ends the user’s sessions.',
      requestBody: jsonBody(USER_CHANGE_BODY),
      responses: { 200: jsonResponse('The user', ref('User')), ...problems({ 400: 'invalid-request', 401: 'unauthenticated', 403: 'forbidden', 404: 'not-found', 409: 'version-conflict' }) },
    },
  },
};
