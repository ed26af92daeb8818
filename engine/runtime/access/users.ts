/**
 * Users and their roles (DESIGN.md decision 9), kept in the store (collection `users`).
 * Passwords are stored only as scrypt hashes (./password.ts). Sessions live in
 * ./sessions.ts.
 */
import { DuplicateKeyError, UserError, VersionConflictError } from '../../errors.js';
import type { Store, StoredDoc } from '../../store/store.js';
import { hashPassword } from './password.js';

// What a user may do is decided by these roles (engine/api/authorize.ts).
export { ROLES, type Role } from '../../definitions/access-keyword.js';
import type { Role } from '../../definitions/access-keyword.js';

/** A user as the API shows it: never the password hash. */
export interface User {
  id: string;
  name: string;
  roles: Role[];
  /** Managers see the records of the users of their team. */
  team?: string;
  disabled: boolean;
  /** On leave or otherwise not taking new work: assignment rules pass them over. */
  away?: boolean;
  /** Where automations may write to them (a message to a role, the owner). */
  email?: string;
  phone?: string;
  createdAt: string;
  updatedAt: string;
  version: number;
}

export type UserDoc = StoredDoc & Omit<User, 'id'> & { passwordHash: string };

export interface NewUser {
  id: string;
  name: string;
  roles: Role[];
  team?: string;
  email?: string;
  phone?: string;
  password: string;
}

export interface UserChange {
  name?: string;
  roles?: Role[];
  /** An empty string removes the team. */
  team?: string;
  disabled?: boolean;
  away?: boolean;
  /** An empty string removes it. */
  email?: string;
  phone?: string;
  password?: string;
  version?: number;
}

/** Users ids are what the event log and `owner` fields hold: short and safe to show. */
export const USER_ID_PATTERN = /^(?!system:)[A-Za-z0-9_.:@-]{1,100}$/;
import { passwordIssues } from './password-rules.js';
import { USERS } from '../../collections.js';

export function toUser(doc: UserDoc): User {
  return {
    id: doc._id,
    name: doc.name,
    roles: doc.roles,
    ...(doc.team ? { team: doc.team } : {}),
    disabled: doc.disabled,
    ...(doc.away ? { away: true } : {}),
    ...(doc.email ? { email: doc.email } : {}),
    ...(doc.phone ? { phone: doc.phone } : {}),
    createdAt: doc.createdAt,
    updatedAt: doc.updatedAt,
    version: doc.version,
  };
}

/**
 * The user directory.
 * @example
 * const users = new UserDirectory(store);
 * await users.create({ id: 'lan', name: 'Nguyễn Lan', roles: ['sales'], password: '…' });
 */
export class UserDirectory {
  constructor(private readonly store: Store) {}

  async count(): Promise<number> {
    return this.store.count(USERS);
  }

  async list(): Promise<User[]> {
    const docs = await this.store.find<UserDoc>(USERS, {}, { sort: { _id: 1 } });
    return docs.map(toUser);
  }

  /** The stored document (with its hash), or undefined. */
  async find(id: string): Promise<UserDoc | undefined> {
    return this.store.get<UserDoc>(USERS, id);
  }

  /** The roles of an enabled user, or undefined (no such user, or disabled). */
  async rolesOf(id: string): Promise<readonly Role[] | undefined> {
    const doc = await this.find(id);
    return doc && !doc.disabled ? doc.roles : undefined;
  }

  async get(id: string): Promise<User> {
    const doc = await this.find(id);
    if (!doc) throw new UserError('not-found', `There is no user "${id}"`, { extra: { id } });
    return toUser(doc);
  }

  async create(input: NewUser): Promise<User> {
    const issues = passwordIssues(input.password, input.id);
    if (!USER_ID_PATTERN.test(input.id)) issues.push({ pointer: '/id', message: 'must be 1–100 letters, digits or _ . : @ -, not starting with "system:"' });
    if (issues.length > 0) throw new UserError('invalid-request', `The user is not valid: ${issues.map((i) => `${i.pointer} ${i.message}`).join('; ')}`, { issues });
    const now = new Date().toISOString();
    const doc: UserDoc = {
      _id: input.id,
      name: input.name,
      roles: [...new Set(input.roles)],
      ...(input.team ? { team: input.team } : {}),
      ...(input.email ? { email: input.email } : {}),
      ...(input.phone ? { phone: input.phone } : {}),
      disabled: false,
      passwordHash: await hashPassword(input.password),
      createdAt: now,
      updatedAt: now,
      version: 1,
    };
    try {
      await this.store.commit([{ op: 'insert', collection: USERS, doc }]);
    } catch (error) {
      if (error instanceof DuplicateKeyError) {
        throw new UserError('invalid-request', `A user "${input.id}" already exists`, { issues: [{ pointer: '/id', message: 'is taken' }] });
      }
      throw error;
    }
    return toUser(doc);
  }

  /** `passwordPointer`: where a refused password is reported (the field of the caller's body). */
  async update(id: string, change: UserChange, passwordPointer = '/password'): Promise<User> {
    const current = await this.find(id);
    if (!current) throw new UserError('not-found', `There is no user "${id}"`, { extra: { id } });
    if (change.version !== undefined && change.version !== current.version) {
      throw new VersionConflictError(USERS, id, change.version, current.version);
    }
    if (change.password !== undefined) {
      const issues = passwordIssues(change.password, id, passwordPointer);
      if (issues.length > 0) throw new UserError('invalid-request', `The password ${issues[0]?.message}`, { issues });
    }
    const { team, password, email, phone, version: _version, ...rest } = change;
    const next: UserDoc = {
      ...current,
      ...rest,
      ...(rest.roles ? { roles: [...new Set(rest.roles)] } : {}),
      ...(password === undefined ? {} : { passwordHash: await hashPassword(password) }),
      updatedAt: new Date().toISOString(),
      version: current.version + 1,
    };
    if (team !== undefined) {
      if (team === '') delete next.team;
      else next.team = team;
    }
    for (const [key, value] of [['email', email], ['phone', phone]] as const) {
      if (value === undefined) continue;
      if (value === '') delete next[key];
      else next[key] = value;
    }
    await this.store.commit([{ op: 'put', collection: USERS, doc: next, expectVersion: current.version }]);
    return toUser(next);
  }
}
