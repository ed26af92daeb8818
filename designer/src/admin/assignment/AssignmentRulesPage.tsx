/**
 * Automatic assignment (admins only, /admin/assignment): the rules that give new unowned
 * records to people, in order, each edited without code; saved as a whole, naming the
 * version edited (a colleague's save in between is a conflict, not an overwrite), checked by
 * the server with every problem shown at its rule; the pack's rules can be restored.
 */
import { useCallback, useEffect, useMemo, useState } from 'react';
import { ApiError } from '../../api/client.js';
import { designerApi, type Definition, type DefinitionListItem } from '../../api/designer-api.js';
import { messageOf, type Loadable } from '../../api/loadable.js';
import { useLeaveGuard } from '../../app/useLeaveGuard.js';
import { Dialog } from '../../ui/Dialog.js';
import { useToast } from '../../ui/useToast.js';
import { UserName } from '../../workspace/UserName.js';
import { directoryUsers, type DirectoryUser } from '../../workspace/users-api.js';
import { assignmentApi, type AssignmentRule, type RuleSet } from './assignment-api.js';
import { RuleEditor } from './RuleEditor.js';
import { useAssignmentText } from './useAssignmentText.js';
import '../admin.css';

interface Loaded {
  set: RuleSet;
  entities: DefinitionListItem[];
  users: DirectoryUser[];
}

export function AssignmentRulesPage() {
  const { s, t, formatDate } = useAssignmentText();
  const toast = useToast();
  const [loaded, setLoaded] = useState<Loadable<Loaded>>({ status: 'loading' });
  const [rules, setRules] = useState<AssignmentRule[]>([]);
  const [definitions, setDefinitions] = useState<Map<string, Definition>>(new Map());
  const [errors, setErrors] = useState<Map<string, string>>(new Map());
  const [saving, setSaving] = useState(false);
  const [resetting, setResetting] = useState(false);

  const load = useCallback(() => {
    Promise.all([assignmentApi.get(), designerApi.listDefinitions(), directoryUsers()]).then(
      ([set, entities, users]) => {
        setLoaded({ status: 'ready', value: { set, entities, users } });
        setRules(set.rules);
        setErrors(new Map());
      },
      (error: unknown) => setLoaded({ status: 'error', message: messageOf(error) }),
    );
  }, []);
  useEffect(load, [load]);

  // Each rule's entity definition (its fields and steps), loaded once.
  const wanted = useMemo(() => [...new Set(rules.map((r) => r.entity))].filter((e) => !definitions.has(e)), [rules, definitions]);
  useEffect(() => {
    for (const entity of wanted)
      designerApi.getDefinition(entity).then(
        (definition) => setDefinitions((m) => new Map(m).set(entity, definition)),
        () => undefined, // the rule still shows; its fields are then unknown
      );
  }, [wanted]);

  const set = loaded.status === 'ready' ? loaded.value.set : undefined;
  const dirty = set !== undefined && JSON.stringify(rules) !== JSON.stringify(set.rules);
  useLeaveGuard(dirty, (to) => !to.startsWith('/admin/assignment'));

  if (loaded.status === 'loading') return <main className="page page-narrow">{t('common.loading')}</main>;
  if (loaded.status === 'error') return <main className="page page-narrow" role="alert">{t('common.loadFailed', { message: loaded.message })}</main>;
  const { entities, users } = loaded.value;
  const current = loaded.value.set;

  const save = async () => {
    setSaving(true);
    try {
      const saved = await assignmentApi.save(rules, current.version);
      setLoaded({ status: 'ready', value: { ...loaded.value, set: saved } });
      setRules(saved.rules);
      setErrors(new Map());
      toast(s('saved'), 'success');
    } catch (error) {
      if (error instanceof ApiError && error.status === 409) toast(s('conflict'), 'error');
      else if (error instanceof ApiError && error.issues.length > 0) {
        setErrors(new Map(error.issues.map((i) => [i.pointer, i.message])));
        toast(s('invalid', { count: error.issues.length }), 'error');
      } else toast(messageOf(error), 'error');
    } finally {
      setSaving(false);
    }
  };
  const reset = async () => {
    setResetting(false);
    try {
      const back = await assignmentApi.reset(current.version);
      setLoaded({ status: 'ready', value: { ...loaded.value, set: back } });
      setRules(back.rules);
      toast(s('resetDone'), 'success');
    } catch (error) {
      toast(error instanceof ApiError && error.status === 409 ? s('conflict') : messageOf(error), 'error');
    }
  };
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
      <p className="assignment-status">
        {current.version === 0 ? (
          s('fromPack')
        ) : (
          <>
            {s('edited', { when: current.updatedAt ? formatDate(current.updatedAt) : '' })} {current.updatedBy && <UserName id={current.updatedBy} />}{' '}
            <button type="button" className="btn btn-sm" onClick={() => setResetting(true)}>
              {s('reset')}
            </button>
          </>
        )}
      </p>
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
        <button type="button" className="btn btn-primary" disabled={saving || !dirty} onClick={() => void save()}>
          {s('save')}
        </button>
      </div>
      {resetting && (
        <Dialog title={s('reset')} confirmLabel={s('reset')} onCancel={() => setResetting(false)} onConfirm={() => void reset()}>
          <p>{s('resetAsk')}</p>
        </Dialog>
      )}
    </main>
  );
}
