/**
 * A publish that met someone else's version (409 version-conflict): what they changed and
 * what I changed since the version I started from, where we both changed the same thing,
 * and the three ways on: take theirs, merge mine into theirs, or overwrite knowingly.
 */
import { useEffect, useMemo, useState } from 'react';
import { designerApi, type Definition } from '../../api/designer-api.js';
import { messageOf } from '../../api/loadable.js';
import { describeChanges } from '../../model/change-summary.js';
import { labelIn, stageAt, type Draft } from '../../model/draft.js';
import { pointerTokens } from '../../model/issues.js';
import { mergeDrafts } from '../../model/merge.js';
import { Dialog } from '../../ui/Dialog.js';
import { useNameOf } from '../../workspace/UserName.js';
import { useChangeText } from '../useChangeText.js';
import { useChangesText } from './useChangesText.js';

export interface ConflictDialogProps {
  entity: string;
  /** The version my draft was made on, and my draft. */
  base: Draft;
  baseVersion: number;
  mine: Draft;
  onCancel: () => void;
  /** Take theirs: edit their version, my changes dropped. */
  onReload: (theirs: Definition) => void;
  /** Continue from their version with `merged` as the draft. */
  onMerged: (theirs: Definition, merged: Draft) => void;
  /** Publish mine over theirs (the caller saves with their version as base). */
  onOverwrite: (theirs: Definition) => void;
}

export function ConflictDialog({ entity, base, baseVersion, mine, onCancel, onReload, onMerged, onOverwrite }: ConflictDialogProps) {
  const { c, lang, formatDate } = useChangesText();
  const changeText = useChangeText();
  const nameOf = useNameOf();
  const [theirs, setTheirs] = useState<Definition>();
  const [error, setError] = useState<string>();
  useEffect(() => {
    designerApi.getDefinition(entity).then(setTheirs, (e: unknown) => setError(messageOf(e)));
  }, [entity]);

  const view = useMemo(() => {
    if (!theirs) return undefined;
    const theirDraft: Draft = { schema: theirs.schema, machine: theirs.machine };
    const merge = mergeDrafts(base, mine, theirDraft);
    return {
      theirChanges: describeChanges(base, theirDraft, lang).map(changeText),
      myChanges: describeChanges(base, mine, lang).map(changeText),
      merge,
      both: [...new Set(merge.conflicts.map((pointer) => where(pointer, theirDraft, lang, c)))],
    };
  }, [theirs, base, mine, lang, changeText, c]);

  return (
    <Dialog title={c('conflict.title')} onCancel={onCancel} wide>
      {error && <p className="error-text" role="alert">{error}</p>}
      {theirs && view && (
        <div className="conflict" data-their-version={theirs.version}>
          <p>{c('conflict.intro', { who: nameOf(theirs.createdBy), version: theirs.version, when: formatDate(theirs.createdAt), base: baseVersion })}</p>
          {theirs.summary && <p className="muted">{c('conflict.note', { summary: theirs.summary })}</p>}
          <div className="conflict-columns">
            <ChangeList title={c('conflict.theirs')} items={view.theirChanges} empty={c('conflict.nothing')} testId="theirs" />
            <ChangeList title={c('conflict.mine')} items={view.myChanges} empty={c('conflict.nothing')} testId="mine" />
          </div>
          {view.both.length > 0 && (
            <div className="conflict-both" role="alert">
              <h3>{c('conflict.both')}</h3>
              <ul>{view.both.map((text) => <li key={text}>{text}</li>)}</ul>
              <p className="hint">{c('conflict.mergeBlocked')}</p>
            </div>
          )}
          <div className="conflict-actions">
            <button type="button" className="btn" onClick={() => onReload(theirs)}>
              {c('conflict.reload')}
            </button>
            <button type="button" className="btn btn-primary" disabled={view.both.length > 0} onClick={() => onMerged(theirs, view.merge.merged)}>
              {c('conflict.merge')}
            </button>
            <button type="button" className="btn btn-danger" onClick={() => onOverwrite(theirs)}>
              {c('conflict.overwrite')}
            </button>
          </div>
          <p className="hint">{c('conflict.overwriteHint', { next: theirs.version + 1 })}</p>
        </div>
      )}
    </Dialog>
  );
}

function ChangeList({ title, items, empty, testId }: { title: string; items: string[]; empty: string; testId: string }) {
  return (
    <section className="conflict-side" data-side={testId}>
      <h3>{title}</h3>
      {items.length === 0 ? <p className="muted">{empty}</p> : <ul className="change-list">{items.slice(0, 15).map((text, i) => <li key={i}>{text}</li>)}</ul>}
    </section>
  );
}

/** Where a conflicting pointer is, in words: a stage, a field, or the pipeline's settings. */
function where(pointer: string, draft: Draft, lang: 'vi' | 'en', c: ReturnType<typeof useChangesText>['c']): string {
  const parts = pointerTokens(pointer);
  if (parts[0] === 'schema' && parts[1] === 'properties' && parts[2]) {
    const field = draft.schema.properties?.[parts[2]] as { 'x-labels'?: { vi: string; en: string } } | undefined;
    return c('where.field', { field: labelIn(field?.['x-labels'], lang, parts[2]) });
  }
  if (parts[0] === 'machine' && parts[1] === 'states') {
    const path: string[] = [];
    for (let i = 2; i < parts.length; i += 2) {
      path.push(parts[i]);
      if (parts[i + 1] !== 'states') break;
    }
    const stage = path.join('.');
    return c('where.stage', { stage: labelIn(stageAt(draft, stage)?.meta.labels, lang, stage) });
  }
  return c('where.pipeline');
}
