/**
 * Message templates (admins only): the pack's templates by channel; choosing one opens its
 * editor — subject and body in Vietnamese and English (Liquid: `{{ person.name }}`,
 * `{{ record.dueDate | date }}`, `{{ record.amount | money }}`), "send without marks" for
 * SMS — beside a live preview on a real record in either language, with an SMS's length and
 * parts. Saving names the version edited: a colleague's save in between is a conflict, not
 * an overwrite. Unsaved changes are kept until saved or reverted.
 */
import { useCallback, useEffect, useMemo, useState, type FormEvent } from 'react';
import type { WidgetProps } from '@rjsf/utils';
import { ApiError } from '../api/client.js';
import { messageOf, type Loadable } from '../api/loadable.js';
import { Link } from '../app/Link.js';
import { paths } from '../app/routes.js';
import type { Labels } from '../model/pack-types.js';
import { useToast } from '../ui/useToast.js';
import { RefWidget } from '../workspace/RefWidget.js';
import { workspaceApi } from '../workspace/workspace-api.js';
import { channelsApi, type MessageTemplate, type TemplateEdit, type TemplatePreview } from './channels-api.js';
import { useAdminText } from './useAdminText.js';
import './admin.css';

type Lang = 'vi' | 'en';
const EMPTY: Labels = { vi: '', en: '' };

function editOf(template: MessageTemplate): TemplateEdit {
  return { ...(template.subject ? { subject: template.subject } : {}), body: template.body, stripDiacritics: template.stripDiacritics === true };
}

/** The record a preview renders on: chosen by its name, the latest one to start with. */
function RecordChooser({ entity, value, onChange }: { entity: string; value: string | undefined; onChange: (id: string | undefined) => void }) {
  const { a } = useAdminText();
  const props = {
    id: `preview-record-${entity}`,
    value,
    required: false,
    disabled: false,
    readonly: false,
    autofocus: false,
    onChange: (next: unknown) => onChange(typeof next === 'string' && next ? next : undefined),
    onBlur: () => undefined,
    onFocus: () => undefined,
    options: { entity },
    rawErrors: [],
    label: a('templates.previewOn'),
    schema: {},
    name: 'previewRecord',
  } as unknown as WidgetProps;
  return <RefWidget {...props} />;
}

function TemplateEditor({ template, onSaved }: { template: MessageTemplate; onSaved: (saved: MessageTemplate) => void }) {
  const { a, lang: uiLang } = useAdminText();
  const toast = useToast();
  const [edit, setEdit] = useState<TemplateEdit>(() => editOf(template));
  const [previewLang, setPreviewLang] = useState<Lang>(uiLang);
  const [recordId, setRecordId] = useState<string | undefined>();
  const [preview, setPreview] = useState<Loadable<TemplatePreview> | undefined>();
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [saving, setSaving] = useState(false);
  const dirty = JSON.stringify(edit) !== JSON.stringify(editOf(template));
  const isSms = template.channel !== 'email';
  const entity = template.entity;

  // The latest record of the template's entity, to preview on until the admin picks one.
  useEffect(() => {
    if (!entity) return;
    const controller = new AbortController();
    workspaceApi.list(entity, { limit: 1, skip: 0, sort: { updatedAt: -1 } }, controller.signal).then(
      (page) => setRecordId((current) => current ?? page.items[0]?.id),
      () => undefined,
    );
    return () => controller.abort();
  }, [entity]);

  // Re-render the preview a moment after the text stops changing.
  useEffect(() => {
    if (!entity || !recordId) return;
    const timer = setTimeout(() => {
      channelsApi.preview(template.id, { entity, id: recordId }, previewLang, edit).then(
        (value) => setPreview({ status: 'ready', value }),
        (error: unknown) => setPreview({ status: 'error', message: messageOf(error) }),
      );
    }, 250);
    return () => clearTimeout(timer);
  }, [template.id, entity, recordId, previewLang, edit]);

  const setText = (part: 'subject' | 'body', lang: Lang, text: string) => {
    setEdit((current) => ({ ...current, [part]: { ...(current[part] ?? EMPTY), [lang]: text } }));
    setErrors((current) => {
      const { [`/${part}/${lang}`]: _gone, ...rest } = current;
      return rest;
    });
  };

  const save = async (event: FormEvent) => {
    event.preventDefault();
    setSaving(true);
    try {
      const saved = await channelsApi.save(template.id, { ...edit, version: template.version });
      setErrors({});
      toast(a('templates.saved'), 'success');
      onSaved(saved);
    } catch (error) {
      if (error instanceof ApiError && error.issues.length > 0) setErrors(Object.fromEntries(error.issues.map((i) => [i.pointer, i.message])));
      toast(error instanceof ApiError && error.code === 'version-conflict' ? a('templates.conflict') : messageOf(error), 'error');
    } finally {
      setSaving(false);
    }
  };

  const field = (part: 'subject' | 'body', lang: Lang) => {
    const id = `${template.id}-${part}-${lang}`;
    const error = errors[`/${part}/${lang}`];
    const value = edit[part]?.[lang] ?? '';
    return (
      <div className="template-field" key={id}>
        <label htmlFor={id}>
          {a(part === 'subject' ? 'templates.subject' : 'templates.body')} <span className="lang-tag">{lang.toUpperCase()}</span>
        </label>
        {part === 'subject' ? (
          <input id={id} value={value} onChange={(e) => setText(part, lang, e.target.value)} aria-invalid={error ? true : undefined} aria-describedby={error ? `${id}-error` : undefined} />
        ) : (
          <textarea id={id} rows={isSms ? 3 : 8} value={value} onChange={(e) => setText(part, lang, e.target.value)} aria-invalid={error ? true : undefined} aria-describedby={error ? `${id}-error` : undefined} />
        )}
        {error && (
          <p id={`${id}-error`} className="field-error" role="alert">
            {error}
          </p>
        )}
      </div>
    );
  };

  const sms = preview?.status === 'ready' ? preview.value.sms : undefined;
  return (
    <form className="template-editor" onSubmit={(e) => void save(e)} data-template={template.id}>
      <div className="template-fields">
        {!isSms && (['vi', 'en'] as const).map((lang) => field('subject', lang))}
        {(['vi', 'en'] as const).map((lang) => field('body', lang))}
        {isSms && (
          <label className="checkbox">
            <input type="checkbox" checked={edit.stripDiacritics === true} onChange={(e) => setEdit((current) => ({ ...current, stripDiacritics: e.target.checked }))} />
            {a('templates.strip')}
          </label>
        )}
        <p className="muted template-help">{a('templates.help')}</p>
        <div className="template-actions">
          <button type="submit" className="btn btn-primary" disabled={!dirty || saving}>
            {saving ? a('templates.saving') : a('templates.save')}
          </button>
          <button type="button" className="btn" disabled={!dirty || saving} onClick={() => setEdit(editOf(template))}>
            {a('templates.revert')}
          </button>
          {template.updatedBy && template.updatedAt && <span className="muted">{a('templates.editedBy', { who: template.updatedBy })}</span>}
        </div>
      </div>
      <section className="template-preview panel" aria-live="polite" aria-label={a('templates.preview')}>
        <div className="template-preview-head">
          <h3>{a('templates.preview')}</h3>
          <div role="group" aria-label={a('templates.previewLang')} className="segmented">
            {(['vi', 'en'] as const).map((lang) => (
              <button key={lang} type="button" className={`btn btn-sm${previewLang === lang ? ' is-active' : ''}`} aria-pressed={previewLang === lang} onClick={() => setPreviewLang(lang)}>
                {lang === 'vi' ? 'Tiếng Việt' : 'English'}
              </button>
            ))}
          </div>
        </div>
        {entity && <RecordChooser entity={entity} value={recordId} onChange={setRecordId} />}
        {!recordId && <p className="muted">{a('templates.noRecord')}</p>}
        {preview?.status === 'error' && <p role="alert">{preview.message}</p>}
        {preview?.status === 'ready' && (
          <div className="template-rendered">
            {preview.value.subject !== undefined && (
              <p className="template-rendered-subject">
                <strong>{preview.value.subject}</strong>
              </p>
            )}
            <pre className="template-rendered-text">{preview.value.text}</pre>
            {sms && (
              <p className={`sms-count${sms.segments > 1 ? ' sms-count-many' : ''}`} data-segments={sms.segments}>
                {a(sms.encoding === 'unicode' ? 'templates.smsUnicode' : 'templates.smsGsm', { length: sms.length, segments: sms.segments, per: sms.perSegment })}
              </p>
            )}
          </div>
        )}
      </section>
    </form>
  );
}

export function TemplatesPage() {
  const { a, label } = useAdminText();
  const [templates, setTemplates] = useState<Loadable<MessageTemplate[]>>({ status: 'loading' });
  const [selected, setSelected] = useState<string | undefined>();
  const load = useCallback(() => {
    channelsApi.templates().then(
      (value) => setTemplates({ status: 'ready', value: value.items }),
      (error: unknown) => setTemplates({ status: 'error', message: messageOf(error) }),
    );
  }, []);
  useEffect(load, [load]);
  const items = useMemo(() => (templates.status === 'ready' ? templates.value : []), [templates]);
  const current = items.find((t) => t.id === selected) ?? items[0];
  return (
    <main className="page templates-page">
      <div className="page-head">
        <h1>{a('channels.title')}</h1>
        <p className="muted">{a('templates.subtitle')}</p>
        <nav className="admin-subnav" aria-label={a('channels.title')}>
          <Link to={paths.channels()}>{a('channels.tab')}</Link>
          <Link to={paths.templates()} aria-current="page">
            {a('templates.tab')}
          </Link>
        </nav>
      </div>
      {templates.status === 'loading' && <p className="muted">{a('automations.loading')}</p>}
      {templates.status === 'error' && <p role="alert">{templates.message}</p>}
      {templates.status === 'ready' && items.length === 0 && <p className="panel">{a('templates.none')}</p>}
      {current && (
        <div className="templates-layout">
          <ul className="template-list" aria-label={a('templates.tab')}>
            {items.map((template) => (
              <li key={template.id}>
                <button type="button" className={`template-item${template.id === current.id ? ' is-active' : ''}`} aria-current={template.id === current.id ? 'true' : undefined} onClick={() => setSelected(template.id)}>
                  <span className="template-item-name">{label(template.labels, template.id)}</span>
                  <span className="template-item-meta">
                    <span className="chip">{template.channel === 'email' ? 'Email' : 'SMS'}</span>
                    <span className={`chip chip-${template.purpose}`}>{a(template.purpose === 'marketing' ? 'templates.marketing' : 'templates.transactional')}</span>
                  </span>
                </button>
              </li>
            ))}
          </ul>
          <TemplateEditor key={`${current.id}:${current.version}`} template={current} onSaved={load} />
        </div>
      )}
    </main>
  );
}
