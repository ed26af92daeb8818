/** The editor's notices about changes: the draft being edited, records on older versions, a draft saved meanwhile. */
import { useState } from 'react';
import type { DefinitionDraft } from '../../api/changes-api.js';
import { Dialog } from '../../ui/Dialog.js';
import { useNameOf } from '../../workspace/UserName.js';
import { useChangesText } from './useChangesText.js';

export function DraftBanner({ draft, published, onDiscard }: { draft: DefinitionDraft; published: number; onDiscard: () => void }) {
  const { c, formatDate } = useChangesText();
  const nameOf = useNameOf();
  const [asking, setAsking] = useState(false);
  const params = { who: nameOf(draft.savedBy), when: formatDate(draft.savedAt), version: published };
  return (
    <div className="change-banner change-banner-draft" role="status">
      <span>{draft.baseVersion === 0 ? c('draft.bannerNew', params) : c('draft.banner', params)}</span>
      <button type="button" className="btn btn-sm" onClick={() => setAsking(true)}>
        {c('draft.discard')}
      </button>
      {asking && (
        <Dialog
          title={c('draft.discardTitle')}
          onCancel={() => setAsking(false)}
          onConfirm={() => {
            setAsking(false);
            onDiscard();
          }}
          confirmLabel={c('draft.discard')}
          danger
        >
          <p>{c('draft.discardBody', { version: published })}</p>
        </Dialog>
      )}
    </div>
  );
}

export function MigrationBanner({ count, version, onOpen }: { count: number; version: number; onOpen: () => void }) {
  const { c } = useChangesText();
  return (
    <div className="change-banner change-banner-migrate" role="status">
      <span>{c('migrate.banner', { count })}</span>
      <button type="button" className="btn btn-sm btn-primary" onClick={onOpen}>
        {c('migrate.open', { version })}
      </button>
    </div>
  );
}

export function DraftConflictDialog({ onCancel, onReload, onOverwrite }: { onCancel: () => void; onReload: () => void; onOverwrite: () => void }) {
  const { c } = useChangesText();
  return (
    <Dialog title={c('conflict.draftTitle')} onCancel={onCancel} wide>
      <p>{c('conflict.draftBody')}</p>
      <div className="conflict-actions">
        <button type="button" className="btn" onClick={onReload}>
          {c('conflict.draftReload')}
        </button>
        <button type="button" className="btn btn-danger" onClick={onOverwrite}>
          {c('conflict.draftOverwrite')}
        </button>
      </div>
    </Dialog>
  );
}
