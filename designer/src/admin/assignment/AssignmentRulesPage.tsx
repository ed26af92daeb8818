/**
 * Automatic assignment (admins only, /admin/assignment): the rules that give new unowned
 * records to people, in order, each edited without code; saved as a whole, naming the
 * version edited (a colleague's save in between is a conflict, not an overwrite), checked by
 * the server with every problem shown at its rule; the pack's rules can be restored.
 */
import { useEffect, useMemo, useState } from 'react';
import { designerApi, type Definition, type DefinitionListItem } from '../../api/designer-api.js';
import { messageOf, type Loadable } from '../../api/loadable.js';
import { useLeaveGuard } from '../../app/useLeaveGuard.js';
import { directoryUsers, type DirectoryUser } from '../../workspace/users-api.js';
import { assignmentApi, type AssignmentRule, type RuleSet } from './assignment-api.js';
import { RuleEditor } from './RuleEditor.js';
import { useAssignmentText } from './useAssignmentText.js';
import { SettingStatus } from '../SettingStatus.js';
import { useAdminSetting } from '../useAdminSetting.js';
import '../admin.css';

interface Directory {
  entities: DefinitionListItem[];
  users: DirectoryUser[];
}

const rulesOf = (set: RuleSet) => set.rules;

export function AssignmentRulesPage() {
  const { s, t } = useAssignmentText();
  const texts = useMemo(() => ({ saved: s('saved'), conflict: s('conflict'), invalid: (count: number) => s('invalid', { count }), resetDone: s('resetDone') }), [s]);
  const setting = useAdminSetting(assignmentApi, rulesOf, texts);
  const [directory, setDirectory] = useState<Loadable<Directory>>({ status: 'loading' });
  const [definitions, setDefinitions] = useState<Map<string, Definition>>(new Map());
  const rules = useMemo(() => setting.draft ?? [], [setting.draft]);
  const setRules = (change: (list: AssignmentRule[]) => AssignmentRule[]) => setting.setDraft((list) => change(list ?? []));

  useEffect(() => {
    Promise.all([designerApi.listDefinitions(), directoryUsers()]).then(
      ([entities, users]) => setDirectory({ status: 'ready', value: { entities, users } }),
      (error: unknown) => setDirectory({ status: 'error', message: messageOf(error) }),
    );
  }, []);

  // Each rule's entity definition (its fields and steps), loaded once.
  const wanted = useMemo(() => [...new Set(rules.map((r) => r.entity))].filter((e) => !definitions.has(e)), [rules, definitions]);
  useEffect(() => {
    for (const entity of wanted)
      designerApi.getDefinition(entity).then(
        (definition) => setDefinitions((m) => new Map(m).set(entity, definition)),
        () => undefined, // the rule still shows; its fields are then unknown
      );
  }, [wanted]);

  useLeaveGuard(setting.dirty, (to) => !to.startsWith('/admin/assignment'));

  const failed = setting.loaded.status === 'error' ? setting.loaded : directory.status === 'error' ? directory : undefined;
  if (failed) return <main className="page page-narrow" role="alert">{t('common.loadFailed', { message: failed.message })}</main>;
  if (!setting.setting || directory.status !== 'ready') return <main className="page page-narrow">{t('common.loading')}</main>;
  const { entities, users } = directory.value;
  const current = setting.setting;
  const { errors, saving, dirty } = setting;

  const move = (index: number, by: -1 | 1) =>
    setRules((list) => {
      const next = [...list];
      const [rule] = next.splice(index, 1);
      if (rule) next.splice(index + by, 0, rule);
      return next;
    });
  const add = () => {
    const first = entities.find((e) => e.entity === 'lead') ?? entities[0];
    setRules((list) => [...list, { id: `rule${Date.now().toString(36)}`, labels: { vi: '', en: '' }, entity: first?.entity ?? '', strategy: 'round-robin', role: 'sales' }]);
  };

  return (
    <main className="page page-narrow assignment-page">
      <h1>{s('title')}</h1>
      <p className="muted">{s('intro')}</p>
      <SettingStatus
        setting={current}
        texts={{ fromPack: s('fromPack'), edited: (when) => s('edited', { when }), reset: s('reset'), resetAsk: s('resetAsk') }}
        onReset={() => void setting.reset()}
      />
      {rules.length === 0 && <p className="muted">{s('empty')}</p>}
      <ol className="rule-list">
        {rules.map((rule, index) => (
          <RuleEditor
            key={rule.id}
            rule={rule}
            index={index}
            count={rules.length}
            entities={entities}
            definition={definitions.get(rule.entity)}
            users={users}
            errors={errors}
            onChange={(next) => setRules((list) => list.map((r, i) => (i === index ? next : r)))}
            onMove={(by) => move(index, by)}
            onRemove={() => setRules((list) => list.filter((_, i) => i !== index))}
          />
        ))}
      </ol>
      <div className="form-actions assignment-actions">
        <button type="button" className="btn" onClick={add}>
          + {s('add')}
        </button>
        {dirty && <span className="muted">{s('unsaved')}</span>}
        <button type="button" className="btn btn-primary" disabled={saving || !dirty} onClick={() => void setting.save()}>
          {s('save')}
        </button>
      </div>
    </main>
  );
}
