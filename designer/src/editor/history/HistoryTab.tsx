/** Earlier versions of the definition, each restorable as a new version. */
import { useEffect, useState } from 'react';
import { designerApi, type Definition, type VersionSummary } from '../../api/designer-api.js';
import { messageOf, type Loadable } from '../../api/loadable.js';
import { useI18n } from '../../i18n/useI18n.js';
import { Dialog } from '../../ui/Dialog.js';
import { useToast } from '../../ui/useToast.js';

export interface HistoryTabProps {
  entity: string;
  current: Definition;
  dirty: boolean;
  onRestored: (definition: Definition) => void;
}

export function HistoryTab({ entity, current, dirty, onRestored }: HistoryTabProps) {
  const { t, formatDate } = useI18n();
  const toast = useToast();
  const [versions, setVersions] = useState<Loadable<VersionSummary[]>>({ status: 'loading' });
  const [restoring, setRestoring] = useState<number>();
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    let live = true;
    designerApi.history(entity).then(
      (value) => live && setVersions({ status: 'ready', value }),
      (error: unknown) => live && setVersions({ status: 'error', message: messageOf(error) }),
    );
    return () => {
      live = false;
    };
  }, [entity, current.version]);

  const restore = async (version: number) => {
    setBusy(true);
    try {
      const old = await designerApi.getDefinition(entity, version);
      const saved = await designerApi.save(
        entity,
        { schema: old.schema, machine: old.machine },
        t('history.restoredSummary', { version }),
        current.version,
      );
      toast(
        saved.version === current.version
          ? t('history.sameAsCurrent')
          : t('history.restored', { version, newVersion: saved.version }),
        'success',
      );
      onRestored(saved);
    } catch (error) {
      toast(messageOf(error), 'error');
    } finally {
      setBusy(false);
      setRestoring(undefined);
    }
  };

  return (
    <div className="editor-body editor-body-page">
      <section className="history-page">
        <div className="page-head">
          <h2>{t('history.title')}</h2>
          <p className="muted">{t('history.subtitle')}</p>
        </div>
        {versions.status === 'loading' && <p className="muted">{t('common.loading')}</p>}
        {versions.status === 'error' && <p className="error-text">{versions.message}</p>}
        {versions.status === 'ready' && (
          <ol className="version-list">
            {versions.value.map((v) => (
              <li key={v.version} className="version-item" data-version={v.version}>
                <span className="badge badge-version">
                  {t('common.versionShort', { version: v.version })}
                </span>
                <div className="version-main">
                  <p className="version-summary">
                    {v.summary || (
                      <span className="muted">
                        {v.createdBy.startsWith('system:')
                          ? t('history.installed', { pack: v.pack })
                          : t('history.noSummary')}
                      </span>
                    )}
                  </p>
                  <p className="muted version-meta">
                    {t('history.savedBy', { date: formatDate(v.createdAt), actor: v.createdBy })}
                  </p>
                </div>
                {v.version === current.version ? (
                  <span className="badge badge-current">{t('history.current')}</span>
                ) : (
                  <button type="button" className="btn btn-sm" onClick={() => setRestoring(v.version)}>
                    {t('history.restore')}
                  </button>
                )}
              </li>
            ))}
          </ol>
        )}
      </section>
      {restoring !== undefined && (
        <Dialog
          title={t('history.restoreTitle', { version: restoring })}
          onCancel={() => setRestoring(undefined)}
          onConfirm={() => void restore(restoring)}
          confirmLabel={t('history.restore')}
          confirmDisabled={busy}
          danger={dirty}
        >
          <p>{t('history.restoreBody', { version: restoring })}</p>
          {dirty && <p className="error-text">{t('history.restoreDiscards')}</p>}
        </Dialog>
      )}
    </div>
  );
}
