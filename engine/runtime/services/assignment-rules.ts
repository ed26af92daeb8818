/**
 * The assignment rules in force: the packs' `assignmentRules`, or the list an admin saved
 * instead (./admin-setting.ts: collection `assignment-rules`, versioned). A saved list is
 * checked like the pack file (shape, entities, fields, conditions) before it is stored.
 */
import type { AssignmentRule } from '../../definitions/definition.js';
import { assignmentIssues } from '../../definitions/check-manifest-rules.js';
import { checkAssignmentRules } from '../../definitions/meta-schema.js';
import type { Issue } from '../../errors.js';
import type { Store } from '../../store/store.js';
import { filterIssues } from '../../definitions/filter-shape.js';
import { AdminSetting, type SettingView } from './admin-setting.js';
import { ASSIGNMENT_RULES } from '../../collections.js';

/** The rules as the API shows them (`rules`: the value in force). */
export type RuleSet = Omit<SettingView<AssignmentRule[]>, 'value'> & { rules: AssignmentRule[] };

const asRuleSet = ({ value, ...rest }: SettingView<AssignmentRule[]>): RuleSet => ({ rules: value, ...rest });

export class AssignmentRuleBook {
  readonly #setting: AdminSetting<AssignmentRule[]>;

  constructor(
    store: Store,
    declared: AssignmentRule[],
    /** Each entity's schema, to check the fields rules name. */
    private readonly schemas: () => Promise<Map<string, unknown>>,
  ) {
    this.#setting = new AdminSetting(store, { collection: ASSIGNMENT_RULES, id: 'rules', field: 'rules' }, declared, (rules) => this.issues(rules), 'the assignment rules');
  }

  /** The rules the engine applies now. */
  rules(): Promise<AssignmentRule[]> {
    return this.#setting.value();
  }

  async current(): Promise<RuleSet> {
    return asRuleSet(await this.#setting.current());
  }

  /** Save an admin's list; `version` must be the one they edited (else `version-conflict`). */
  async save(rules: unknown, version: number, actor: string): Promise<RuleSet> {
    return asRuleSet(await this.#setting.save(rules, version, actor));
  }

  /** Go back to the packs' rules. */
  async reset(version: number): Promise<RuleSet> {
    return asRuleSet(await this.#setting.reset(version));
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
