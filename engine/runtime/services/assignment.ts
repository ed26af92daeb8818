/**
 * Assignment rules (pack.json `assignmentRules`): who gets a new record nobody owns (a web
 * lead, a website booking). The first rule of the record's entity whose `when` matches
 * picks among the active users of its role who are not away:
 * - `round-robin`: in turn, by user id;
 * - `least-loaded`: whoever owns the fewest records of the entity not in a final stage
 *   (ties in turn);
 * - `by-field`: the users `map` names for the record's value of `field`, in turn.
 * The turn is a document of the store taken with optimistic concurrency before the record
 * is given, so two records arriving at once go to two people, in any process. The record
 * is handed over by `system:assignment`: the timeline says who got it.
 */
import type { AssignmentRule } from '../../definitions/definition.js';
import { DuplicateKeyError, VersionConflictError } from '../../errors.js';
import type { Store } from '../../store/store.js';
import type { RecordService } from './record-service.js';
import { RECORDS, USERS, ASSIGNMENT_TURNS } from '../../collections.js';
import type { CompiledDefinitions, RecordDoc } from '../core/index.js';

export const ASSIGNMENT_ACTOR = 'system:assignment';

interface TurnDoc {
  _id: string;
  /** The user who got the last record. */
  last?: string;
  version: number;
  [key: string]: unknown;
}

export class Assigner {
  constructor(
    private readonly store: Store,
    private readonly records: RecordService,
    private readonly compiled: CompiledDefinitions,
    /** The rules in force (./assignment-rules.ts: the packs', or an admin's edit). */
    private readonly rules: () => Promise<AssignmentRule[]>,
  ) {}

  /** The rule that applies to a new record, if any: its conditions asked of the store, in its query language. */
  async ruleFor(doc: RecordDoc): Promise<AssignmentRule | undefined> {
    for (const rule of await this.rules()) {
      if (rule.entity !== doc.entity) continue;
      if (!rule.when || (await this.store.count(RECORDS, { $and: [{ _id: doc._id }, rule.when] })) > 0) return rule;
    }
    return undefined;
  }

  /**
   * Give a new unowned record to the next person its rule names; resolves with the owner,
   * or undefined when no rule applies or nobody is available (the record stays unowned,
   * visible to everyone to pick up).
   */
  async assign(entity: string, id: string): Promise<string | undefined> {
    const doc = await this.store.get<RecordDoc>(RECORDS, id);
    if (!doc || doc.entity !== entity || doc.owner) return undefined;
    const rule = await this.ruleFor(doc);
    if (!rule) return undefined;
    const owner = await this.take(rule, doc);
    if (!owner) return undefined;
    await this.records.assign(entity, id, { owner }, ASSIGNMENT_ACTOR);
    // The pipeline's own step for it (a conversation's ASSIGN moves it on, with the assignee).
    if (rule.event) {
      await this.records.send(entity, id, { type: rule.event, ...(rule.eventField ? { data: { [rule.eventField]: owner } } : {}) }, ASSIGNMENT_ACTOR, { idempotencyKey: `assignment:${id}:${rule.event}` });
    }
    return owner;
  }

  /** The active users of the rule's role who are not away, by id. */
  private async available(rule: AssignmentRule, doc: RecordDoc): Promise<string[]> {
    const users = await this.store.find<{ _id: string; away?: boolean }>(USERS, { roles: rule.role, disabled: { $ne: true } }, { sort: { _id: 1 } });
    let ids = users.filter((u) => u.away !== true).map((u) => u._id);
    if (rule.strategy === 'by-field' && rule.field) {
      const value = doc.data[rule.field];
      const named = typeof value === 'string' ? rule.map?.[value] : undefined;
      ids = named ? ids.filter((u) => named.includes(u)) : [];
    }
    return ids;
  }

  /** Take the next person under the rule's turn, with optimistic concurrency on the turn. */
  private async take(rule: AssignmentRule, doc: RecordDoc): Promise<string | undefined> {
    const value = rule.field ? doc.data[rule.field] : undefined;
    const turnId = rule.strategy === 'by-field' ? `${rule.id}:${typeof value === 'string' ? value : ''}` : rule.id;
    for (let attempt = 0; attempt < 20; attempt++) {
      const candidates = await this.available(rule, doc);
      if (candidates.length === 0) return undefined;
      const turn = await this.store.get<TurnDoc>(ASSIGNMENT_TURNS, turnId);
      const inTurn = (list: string[]) => {
        const after = turn?.last === undefined ? -1 : list.findIndex((u) => u > (turn.last ?? ''));
        return after === -1 ? list : [...list.slice(after), ...list.slice(0, after)];
      };
      let order = inTurn(candidates);
      if (rule.strategy === 'least-loaded') {
        const load = await this.load(rule.entity, candidates);
        const least = Math.min(...candidates.map((u) => load.get(u) ?? 0));
        order = order.filter((u) => (load.get(u) ?? 0) === least);
      }
      const next = order[0];
      if (!next) return undefined;
      const taken: TurnDoc = { _id: turnId, last: next, version: (turn?.version ?? 0) + 1 };
      try {
        await this.store.commit([turn ? { op: 'put', collection: ASSIGNMENT_TURNS, doc: taken, expectVersion: turn.version } : { op: 'insert', collection: ASSIGNMENT_TURNS, doc: taken }]);
        return next;
      } catch (error) {
        if (!(error instanceof VersionConflictError || error instanceof DuplicateKeyError)) throw error;
      }
    }
    return undefined;
  }

  /** How many records of `entity` each user owns that are not in a final stage. */
  private async load(entity: string, users: string[]): Promise<Map<string, number>> {
    const machine = (await this.compiled.latest(entity)).definition.machine;
    const finals = Object.entries(machine.states ?? {})
      .filter(([, state]) => (state as { type?: string }).type === 'final')
      .map(([name]) => name);
    const rows = await this.store.aggregate<{ _id: string; n: number }>(RECORDS, [
      { $match: { entity, owner: { $in: users }, stage: { $nin: finals } } },
      { $group: { _id: '$owner', n: { $sum: 1 } } },
    ]);
    return new Map(rows.map((r) => [r._id, r.n]));
  }
}
