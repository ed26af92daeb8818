/**
 * What a board card says about time: its overdue reminders (a red badge whose tooltip
 * lists them) or else the next one due, and how long the record has been in its stage.
 */
import { elapsed } from './elapsed.js';
import type { RecordReminders } from './reminder-types.js';
import { useWorkText } from './useWorkText.js';

/** An alarm clock drawn inline: an emoji (⏰) needs a colour font many systems lack. */
function AlarmIcon() {
  return (
    <svg
      className="reminder-icon"
      viewBox="0 0 16 16"
      width="12"
      height="12"
      aria-hidden="true"
      focusable="false"
    >
      <circle cx="8" cy="9" r="5.25" fill="none" stroke="currentColor" strokeWidth="1.5" />
      <path
        d="M8 6.2V9l1.8 1.3M2.2 4.2 4.4 2.3M13.8 4.2l-2.2-1.9"
        fill="none"
        stroke="currentColor"
        strokeWidth="1.5"
        strokeLinecap="round"
      />
    </svg>
  );
}

/** The overdue badge, or the next reminder's date; nothing when the record has neither. */
export function ReminderStatus({ reminders }: { reminders?: RecordReminders }) {
  const { w, label, formatDate } = useWorkText();
  const overdue = reminders?.overdue ?? [];
  if (overdue.length > 0) {
    const labels = overdue.map((r) => label(r.labels, r.id)).join('; ');
    return (
      <div className="board-card-status">
        <span
          className="reminder-badge"
          data-testid="reminder-overdue"
          title={w('card.overdueTitle', { labels })}
        >
          <AlarmIcon />
          {w('card.overdue', { count: overdue.length })}
          <span className="sr-only">: {labels}</span>
        </span>
      </div>
    );
  }
  const next = reminders?.next;
  if (!next) return null;
  return (
    <div className="board-card-status">
      <span className="reminder-next" data-testid="reminder-next" title={label(next.labels, next.id)}>
        {w('card.next', { date: formatDate(next.dueAt) })}
      </span>
    </div>
  );
}

/** "3 days": how long the record has been in its current stage. */
export function StageAge({ since }: { since?: string }) {
  const { w, formatDate } = useWorkText();
  if (!since) return null;
  const age = elapsed(since, Date.now());
  return (
    <span
      className="stage-age"
      data-testid="stage-age"
      title={w('card.inStage', { date: formatDate(since) })}
    >
      {w(age.key, { count: age.count })}
    </span>
  );
}
