/** A thread's messages in time order: the customer's on the left, staff's on the right with what became of them. */
import { useEffect, useRef } from 'react';
import type { Labels } from '../model/pack-types.js';
import { messageReasonText } from '../workspace/message-reason.js';
import { UserName } from '../workspace/UserName.js';
import type { ThreadMessage } from './inbox-api.js';
import { useInboxText } from './useInboxText.js';

export function MessageList({ messages, channelName }: { messages: ThreadMessage[]; channelName: (value: string) => Labels }) {
  const { m, w, label, formatDate } = useInboxText();
  const end = useRef<HTMLLIElement>(null);
  // The newest message in view, as in any chat.
  useEffect(() => {
    // Braces: newer browsers' scrollIntoView returns a promise, which an effect must not.
    void end.current?.scrollIntoView({ block: 'end' });
  }, [messages.length]);
  if (messages.length === 0) return <p className="muted">{m('noMessages')}</p>;
  return (
    <ol className="message-list" aria-label={m('thread')}>
      {messages.map((message) => {
        const failed = message.status === 'failed' || message.status === 'skipped';
        return (
          <li key={message.id} className={`message message-${message.direction}${failed ? ' message-failed' : ''}`} data-direction={message.direction} data-channel={message.channel}>
            <div className="message-bubble">
              {message.label && <span className="message-label">{label(message.label)}</span>}
              <span className="message-text">{message.text}</span>
            </div>
            <div className="message-meta muted">
              <span className={`channel-tag channel-${message.channel}`}>{label(channelName(message.channel), message.channel)}</span>
              {message.actor && <UserName id={message.actor} />}
              <time dateTime={message.at}>{formatDate(message.at)}</time>
              {message.status && (
                <span className="message-status" data-status={message.status}>
                  {m(`status.${message.status}`, { reason: message.reason ? messageReasonText(message.reason, w) : '' })}
                </span>
              )}
            </div>
          </li>
        );
      })}
      <li ref={end} aria-hidden="true" className="message-end" />
    </ol>
  );
}
