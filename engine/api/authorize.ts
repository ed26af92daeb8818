/**
 * Who may do what (DESIGN.md decision 9). Admins do everything. Managers see every
 * record, or only their team's when they have a team. Everyone else sees the records
 * they own or handle and the ones nobody owns yet (a record from a web form waits
 * there for a taker); an entity may let some roles see all of its records (`x-access.seeAll` in its
 * schema: say, accountants every invoice). A record out of sight is
 * "not found", so its existence does not leak.
 */
import type { Response } from 'express';
import { UserError } from '../errors.js';
import type { Engine } from '../runtime/engine-port.js';
import type { Filter } from '../store/store.js';
import { userOf } from './auth.js';
import type { RecordView } from '../runtime/core/index.js';
import { toUser, type Role, type User, type UserDirectory } from '../runtime/access/index.js';

/**
 * The signed-in user, when they have one of `roles`; `forbidden` otherwise.
 * @example requireRole(res, 'admin');
 */
export function requireRole(res: Response, ...roles: Role[]): User {
  const user = userOf(res);
  if (!roles.some((role) => user.roles.includes(role))) {
    throw new UserError('forbidden', `This needs the role ${roles.join(' or ')}; ${user.id} has ${user.roles.join(', ') || 'none'}`);
  }
  return user;
}

/** Who reads: what visibility depends on. */
export type Reader = Pick<User, 'id' | 'roles' | 'team'>;

/** The owner and handler of a record: all access decisions read. */
export interface OwnedRecord {
  entity: string;
  id: string;
  owner?: string;
  handler?: string;
}

/**
 * The records a reader who sees `owners`' records sees: those they own or handle, and those
 * nobody owns. The store's indexes answer it (records are indexed by owner and handler).
 */
export function ownersScope(owners: string[]): Filter {
  return { $or: [{ owner: { $in: owners } }, { handler: { $in: owners } }, { owner: { $exists: false } }] };
}

/** The roles that see every record of an entity (from its definition). */
export type SeeAllRoles = (entity: string) => Promise<readonly string[]>;

/**
 * @example
 * const policy = new RecordPolicy(users, async (entity) => (await engine.getDefinition(entity)).schema['x-access']?.seeAll ?? []);
 * const scope = await policy.scope(user, 'payment'); // undefined: everything
 */
export class RecordPolicy {
  constructor(
    private readonly users: UserDirectory,
    private readonly seeAll: SeeAllRoles,
  ) {}

  /** The ids whose records `user` sees, or undefined for every record of the entity. */
  private async visibleOwners(user: Reader, entity: string): Promise<string[] | undefined> {
    if (user.roles.includes('admin')) return undefined;
    if (user.roles.includes('manager')) {
      if (!user.team) return undefined;
      return (await this.users.list()).filter((u) => u.team === user.team).map((u) => u.id);
    }
    const all = await this.seeAll(entity);
    if (user.roles.some((role) => all.includes(role))) return undefined;
    return [user.id];
  }

  /** A filter to AND with a list query of `entity`, or undefined when the user sees all. */
  async scope(user: Reader, entity: string): Promise<Filter | undefined> {
    const owners = await this.visibleOwners(user, entity);
    return owners === undefined ? undefined : ownersScope(owners);
  }

  /** Whether `user` sees `record`. */
  async sees(user: User, record: OwnedRecord): Promise<boolean> {
    const owners = await this.visibleOwners(user, record.entity);
    if (owners === undefined) return true;
    if (record.owner === undefined) return true;
    return owners.includes(record.owner) || (record.handler !== undefined && owners.includes(record.handler));
  }

  /**
   * Whether the user with id `actor` sees `record`: the engine's ReachCheck, for the
   * references people write and what their events' automations act on. An unknown or
   * disabled user sees nothing.
   */
  async actorSees(actor: string, record: OwnedRecord): Promise<boolean> {
    const doc = await this.users.find(actor);
    if (!doc || doc.disabled) return false;
    return this.sees(toUser(doc), record);
  }

  /** Throw `not-found` (as if absent) when `user` does not see `record`. */
  async assertSees(user: User, record: OwnedRecord): Promise<void> {
    if (!(await this.sees(user, record))) {
      throw new UserError('not-found', `There is no ${record.entity} with id ${record.id}`, { extra: { entity: record.entity, id: record.id } });
    }
  }

  /**
   * A hand-over of an existing record: admins, managers and operators hand any record they
   * see; anyone else only the records they own. The new owner and handler must be users.
   */
  async assertMayReassign(user: User, record: OwnedRecord, to: { owner?: string; handler?: string | null }): Promise<void> {
    const handsAny = user.roles.some((role) => role === 'admin' || role === 'manager' || role === 'operator');
    if (!handsAny && record.owner !== user.id) {
      throw new UserError('forbidden', `Only the owner (${record.owner ?? 'nobody'}), an operator, a manager or an admin hands this ${record.entity} over`, {
        extra: { labels: { vi: 'Chỉ người phụ trách hồ sơ, điều hành viên, quản lý hoặc quản trị viên được giao hồ sơ này.', en: 'Only the owner of the record, an operator, a manager or an admin hands it over.' } },
      });
    }
    const issues = [];
    for (const [field, id] of [['owner', to.owner], ['handler', to.handler]] as const) {
      if (typeof id === 'string' && !(await this.users.find(id))) issues.push({ pointer: `/body/${field}`, message: `there is no user "${id}"` });
    }
    if (issues.length > 0) throw new UserError('invalid-request', `Unknown user: ${issues.map((i) => i.message).join('; ')}`, { issues });
  }

  /**
   * The owner and handler a new record is given (a create, an import row): each must be a
   * user who can sign in; only admins and managers give a record to another owner, and
   * only they and operators make someone else its handler (the hand-over rule).
   * `pointer` prefixes the issues (`/body`, `/body/rows/3`).
   * @throws UserError `forbidden`, or `invalid-request` for an unknown or disabled user.
   */
  async assertMayGive(user: User, to: { owner?: string | undefined; handler?: string | undefined }, pointer = '/body'): Promise<void> {
    const roles = new Set<string>(user.roles);
    if (to.owner !== undefined && to.owner !== user.id && !roles.has('admin') && !roles.has('manager')) {
      throw new UserError('forbidden', `Only a manager or an admin gives a record to someone else (${to.owner})`, {
        extra: { labels: { vi: 'Chỉ quản lý hoặc quản trị viên được giao hồ sơ cho người khác phụ trách.', en: 'Only a manager or an admin gives a record to someone else.' } },
        issues: [{ pointer: `${pointer}/owner`, message: 'must be yourself unless you are a manager or an admin' }],
      });
    }
    if (to.handler !== undefined && to.handler !== user.id && !roles.has('admin') && !roles.has('manager') && !roles.has('operator')) {
      throw new UserError('forbidden', `Only an operator, a manager or an admin makes someone else (${to.handler}) the handler`, {
        extra: { labels: { vi: 'Chỉ điều hành viên, quản lý hoặc quản trị viên được giao người khác xử lý.', en: 'Only an operator, a manager or an admin makes someone else the handler.' } },
        issues: [{ pointer: `${pointer}/handler`, message: 'must be yourself unless you are an operator, a manager or an admin' }],
      });
    }
    const issues = [];
    for (const field of ['owner', 'handler'] as const) {
      const id = to[field];
      if (id === undefined || id === user.id) continue;
      const found = await this.users.find(id);
      if (!found || found.disabled) issues.push({ pointer: `${pointer}/${field}`, message: found ? `${id} is disabled` : `there is no user "${id}"` });
    }
    if (issues.length > 0) throw new UserError('invalid-request', `Unknown user: ${issues.map((i) => i.message).join('; ')}`, { issues });
  }

  /**
   * Deleting is for the record's owner, managers and admins. Seeing every record of an
   * entity (`x-access.seeAll`) lets a role read and work them, not delete them.
   */
  assertMayDelete(user: User, record: OwnedRecord): void {
    if (user.roles.includes('admin') || user.roles.includes('manager') || (record.owner !== undefined && record.owner === user.id)) return;
    throw new UserError('forbidden', `Only the owner (${record.owner ?? 'nobody'}), a manager or an admin deletes this ${record.entity}`, {
      extra: { labels: { vi: 'Chỉ người phụ trách, quản lý hoặc quản trị viên được xóa hồ sơ này.', en: 'Only the owner, a manager or an admin deletes this record.' } },
    });
  }
}

/**
 * A list filter narrowed to what the user may see.
 * @example const filter = withScope(query.filter, await policy.scope(user, entity));
 */
export function withScope(filter: Filter | undefined, scope: Filter | undefined): Filter | undefined {
  if (!scope) return filter;
  if (!filter || Object.keys(filter).length === 0) return scope;
  // Side by side when they cannot clash; under $and when both have an $or.
  return '$or' in filter ? { $and: [filter, scope] } : { ...filter, ...scope };
}

/**
 * The record, when the signed-in user may see it; `not-found` otherwise (as if absent).
 * @example sendRecord(res, await visibleRecord(engine, policy, res, entity, id));
 */
export async function visibleRecord(engine: Engine, policy: RecordPolicy, res: Response, entity: string, id: string): Promise<RecordView> {
  const record = await engine.get(entity, id);
  await policy.assertSees(userOf(res), record);
  return record;
}

/**
 * Refuse (`not-found`, as if absent) unless the signed-in user may see the record. Every
 * route that changes or reads around one record goes through this first; it reads only
 * the owner and handler, not the record's view (events, guards), on the hot write path.
 * @example const record = await assertVisible(engine, policy, res, entity, id);
 */
export async function assertVisible(engine: Engine, policy: RecordPolicy, res: Response, entity: string, id: string): Promise<OwnedRecord> {
  const record = await engine.holders(entity, id);
  await policy.assertSees(userOf(res), record);
  return record;
}
