/** Reply to the customer on the thread's channel: the window says until when, Ctrl+Enter sends. */
import { useId, useState } from 'react';
import type { ReplyWindow } from './inbox-api.js';
import { timeLeft, windowNote } from './reply-window.js';
import { useInboxText } from './useInboxText.js';

export function ReplyBox({ window, channel, busy, onSend }: { window: ReplyWindow; channel: string; busy: boolean; onSend: (text: string) => Promise<boolean> }) {
  const { m, formatDate } = useInboxText();
  const [text, setText] = useState('');
  const [error, setError] = useState<string | undefined>();
  const id = useId();
  const note = windowNote(window, channel, formatDate);
  const left = window.closesAt ? timeLeft(Date.parse(window.closesAt) - Date.now()) : undefined;
  const params = note.key === 'window.open' && left ? { ...note.params, left: m(left.key, { n: left.n }) } : note.params;
  const send = async () => {
    if (text.trim() === '') return setError(m('reply.empty'));
    setError(undefined);
    if (await onSend(text.trim())) setText('');
  };
  return (
    <form
      className="reply-box"
      onSubmit={(event) => {
        event.preventDefault();
        void send();
      }}
    >
      <label htmlFor={id} className="reply-label">
        {m('reply.label')}
      </label>
      <p className={`reply-window${note.urgent ? ' reply-window-urgent' : ''}`} data-testid="reply-window" id={`${id}-window`}>
        {m(note.key, params)}
      </p>
      <textarea
        id={id}
        value={text}
        rows={3}
        maxLength={2000}
        placeholder={m('reply.placeholder')}
        disabled={!note.canSend || busy}
        aria-describedby={`${id}-window${error ? ` ${id}-error` : ''}`}
        aria-invalid={error ? true : undefined}
        onChange={(event) => setText(event.target.value)}
        onKeyDown={(event) => {
          if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
            event.preventDefault();
            void send();
          }
        }}
      />
      {error && (
        <p className="field-error" id={`${id}-error`} role="alert">
          {error}
        </p>
      )}
      <div className="reply-actions">
        <button type="submit" className="btn btn-primary" disabled={!note.canSend || busy} data-testid="reply-send">
          {m('reply.send', { channel })}
        </button>
      </div>
    </form>
  );
}
