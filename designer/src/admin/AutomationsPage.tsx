/**
 * Automations that failed for good (admins only): each names its record, what it was to
 * do, why it failed in words (the engine's detail on hover), who set it off and when; an
 * admin runs it again once the cause is fixed, or dismisses it.
 */
import { useCallback, useEffect, useState } from 'react';
import { request } from '../api/client.js';
import { messageOf, type Loadable } from '../api/loadable.js';
import { Link } from '../app/Link.js';
import { registryName } from '../i18n/registry-names.js';
import { useToast } from '../ui/useToast.js';
import { failureKey } from '../workspace/failure-text.js';
import { UserName } from '../workspace/UserName.js';
import { useNavigationGroups } from '../workspace/useNavigationGroups.js';
import { useWorkText } from '../workspace/useWorkText.js';
import { workPaths } from '../workspace/work-routes.js';
import { useAdminText } from './useAdminText.js';
import type { ResponseBody, Schemas } from '../api/types.js';
import './admin.css';

type DeadLetter = Schemas['DeadLetter'];

const api = {
  list: () => request<ResponseBody<'listFailedAutomations'>>('GET', '/api/automations/failed?limit=200'),
  act: (id: string, verb: 'retry' | 'dismiss') => request<void>('POST', `/api/automations/${encodeURIComponent(id)}/${verb}`, {}),
};

export function AutomationsPage() {
  const { a, lang, label, formatDate } = useAdminText();
  const { w } = useWorkText();
  const toast = useToast();
  const groups = useNavigationGroups();
  const entityName = (entity: string) => label(groups?.flatMap((g) => g.entities).find((e) => e.entity === entity)?.labels, entity);
  const [letters, setLetters] = useState<Loadable<{ items: DeadLetter[]; total: number }>>({ status: 'loading' });
  const [busy, setBusy] = useState<string | undefined>();
  const load = useCallback(() => {
    api.list().then(
      (value) => setLetters({ status: 'ready', value }),
      (error: unknown) => setLetters({ status: 'error', message: messageOf(error) }),
    );
  }, []);
  useEffect(load, [load]);
  const act = async (letter: DeadLetter, verb: 'retry' | 'dismiss') => {
    setBusy(letter.id);
    try {
      await api.act(letter.id, verb);
      toast(a(verb === 'retry' ? 'automations.retried' : 'automations.dismissed'), 'success');
      load();
    } catch (error) {
      toast(messageOf(error), 'error');
    } finally {
      setBusy(undefined);
    }
  };
  return (
    <main className="page page-narrow automations-page">
      <div className="page-head">
        <h1>{a('automations.title')}</h1>
        <p className="muted">{a('automations.subtitle')}</p>
      </div>
      {letters.status === 'loading' && <p className="muted">{a('automations.loading')}</p>}
      {letters.status === 'error' && <p role="alert">{letters.message}</p>}
      {letters.status === 'ready' && letters.value.items.length === 0 && <p className="panel automations-empty">{a('automations.empty')}</p>}
      {letters.status === 'ready' && letters.value.items.length > 0 && (
        <ul className="automations-list">
          {letters.value.items.map((letter) => (
            <li key={letter.id} className="panel automation-item" data-automation={letter.id}>
              <div className="automation-text">
                <Link to={workPaths.record(letter.entity, letter.recordId)} className="automation-record">
                  <span className="automation-kind">{entityName(letter.entity)}</span> {letter.recordTitle ?? ''}
                </Link>
                <strong>{registryName(letter.action, lang)}</strong>
                <span className="automation-reason" title={`${w('failure.detail')}: ${letter.error}`}>
                  {w(failureKey(letter.code))}
                </span>
                <span className="muted automation-meta">
                  {a('automations.meta', { attempts: letter.attempts, when: letter.failedAt ? formatDate(letter.failedAt) : '—' })} · <UserName id={letter.actor} />
                </span>
              </div>
              <div className="automation-actions">
                <button type="button" className="btn btn-primary btn-sm" disabled={busy === letter.id} onClick={() => void act(letter, 'retry')}>
                  {a('automations.retry')}
                </button>
                <button type="button" className="btn btn-sm" disabled={busy === letter.id} onClick={() => void act(letter, 'dismiss')}>
                  {a('automations.dismiss')}
                </button>
              </div>
            </li>
          ))}
        </ul>
      )}
    </main>
  );
}
