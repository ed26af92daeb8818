/**
 * The assignment rules in force: the packs' `assignmentRules`, or the list an admin saved
 * instead (collection `assignment-rules`, one document, versioned: a save names the version
 * it was based on, so two admins never overwrite each other silently). A saved list is
 * checked like the pack file (shape, entities, fields, conditions) before it is stored;
 * resetting goes back to the packs' rules.
 */
import type { AssignmentRule } from '../definitions/definition.js';
import { assignmentIssues } from '../definitions/check-manifest-rules.js';
import { checkAssignmentRules } from '../definitions/meta-schema.js';
import { UserError, VersionConflictError, type Issue } from '../errors.js';
import type { Store } from '../store/store.js';
import { filterIssues } from '../api/filter-shape.js';

export const ASSIGNMENT_RULES = 'assignment-rules';
const DOC = 'rules';

export interface RuleSet {
  rules: AssignmentRule[];
  /** 0: the packs' rules; each admin save adds one. */
  version: number;
  /** The packs' rules, to compare with and to reset to. */
  declared: AssignmentRule[];
  updatedAt?: string;
  updatedBy?: string;
}

interface RulesDoc {
  _id: string;
  rules: AssignmentRule[];
  version: number;
  updatedAt: string;
  updatedBy: string;
  [key: string]: unknown;
}

export class AssignmentRuleBook {
  constructor(
    private readonly store: Store,
    private readonly declared: AssignmentRule[],
    /** Each entity's schema, to check the fields rules name. */
    private readonly schemas: () => Promise<Map<string, unknown>>,
  ) {}

  /** The rules the engine applies now. */
  async rules(): Promise<AssignmentRule[]> {
    return (await this.store.get<RulesDoc>(ASSIGNMENT_RULES, DOC))?.rules ?? this.declared;
  }

  async current(): Promise<RuleSet> {
    const doc = await this.store.get<RulesDoc>(ASSIGNMENT_RULES, DOC);
    if (!doc) return { rules: this.declared, version: 0, declared: this.declared };
    return { rules: doc.rules, version: doc.version, declared: this.declared, updatedAt: doc.updatedAt, updatedBy: doc.updatedBy };
  }

  /** Save an admin's list; `version` must be the one they edited (else `version-conflict`). */
  async save(rules: unknown, version: number, actor: string): Promise<RuleSet> {
    const issues = await this.issues(rules);
    if (issues.length > 0) throw new UserError('validation-failed', `The assignment rules have ${issues.length} problem${issues.length === 1 ? '' : 's'}`, { issues });
    const current = await this.store.get<RulesDoc>(ASSIGNMENT_RULES, DOC);
    const at = current?.version ?? 0;
    if (version !== at) throw new VersionConflictError(ASSIGNMENT_RULES, DOC, version, at);
    const doc: RulesDoc = { _id: DOC, rules: rules as AssignmentRule[], version: at + 1, updatedAt: new Date().toISOString(), updatedBy: actor };
    await this.store.commit([current ? { op: 'put', collection: ASSIGNMENT_RULES, doc, expectVersion: at } : { op: 'insert', collection: ASSIGNMENT_RULES, doc }]);
    return this.current();
  }

  /** Go back to the packs' rules. */
  async reset(version: number): Promise<RuleSet> {
    const current = await this.store.get<RulesDoc>(ASSIGNMENT_RULES, DOC);
    if (!current) return this.current();
    if (version !== current.version) throw new VersionConflictError(ASSIGNMENT_RULES, DOC, version, current.version);
    await this.store.commit([{ op: 'delete', collection: ASSIGNMENT_RULES, id: DOC, expectVersion: current.version }]);
    return this.current();
  }

  private async issues(rules: unknown): Promise<Issue[]> {
    const shape = checkAssignmentRules(rules);
    if (shape.length > 0 || !Array.isArray(rules)) return shape;
    const issues = assignmentIssues(rules, await this.schemas(), '');
    const ids = new Set<string>();
    (rules as AssignmentRule[]).forEach((rule, r) => {
      if (ids.has(rule.id)) issues.push({ pointer: `/${r}/id`, message: `rule "${rule.id}" is there twice` });
      ids.add(rule.id);
      if (rule.when) filterIssues(rule.when, `/${r}/when`, issues);
    });
    return issues;
  }
}
