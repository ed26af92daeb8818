/**
 * Who may send an event: anyone who sees the record, only some roles (admins always may),
 * or only the system (a fact an integration, a timer or an automation reports).
 */
import { useId } from 'react';
import type { Role } from '../../app/session.js';
import { useI18n } from '../../i18n/useI18n.js';
import type { EventSenders } from '../../model/pack-types.js';

/** The roles a declaration names; admins may send every event that is not the system's. */
const SENDER_ROLES: readonly Role[] = ['manager', 'marketing', 'sales', 'operator', 'accountant'];

type Mode = 'anyone' | 'roles' | 'system';

export function EventSendersInput({ value, onChange }: { value: EventSenders | undefined; onChange: (next: EventSenders | undefined) => void }) {
  const { t } = useI18n();
  const name = useId();
  const mode: Mode = value === undefined ? 'anyone' : value === 'system' ? 'system' : 'roles';
  const roles = Array.isArray(value) ? value : [];
  const choose = (next: Mode) =>
    onChange(next === 'anyone' ? undefined : next === 'system' ? 'system' : roles.length > 0 ? roles : ['manager']);
  const toggle = (role: Role, on: boolean) => {
    const next = SENDER_ROLES.filter((r) => (r === role ? on : roles.includes(r)));
    // At least one role: clearing the last one means anyone again.
    onChange(next.length > 0 ? next : undefined);
  };
  return (
    <fieldset className="form-group event-senders" data-field="event-senders">
      <legend>{t('transition.senders')}</legend>
      {(['anyone', 'roles', 'system'] as const).map((option) => (
        <div key={option}>
          <label className="form-check">
            <input type="radio" name={name} value={option} checked={mode === option} onChange={() => choose(option)} />
            <span>{t(`transition.senders.${option}`)}</span>
          </label>
          {option === 'roles' && mode === 'roles' && (
            <div className="event-sender-roles" role="group" aria-label={t('transition.senders.roles')}>
              {SENDER_ROLES.map((role) => (
                <label key={role} className="form-check">
                  <input type="checkbox" value={role} checked={roles.includes(role)} onChange={(e) => toggle(role, e.target.checked)} />
                  <span>{t(`role.${role}`)}</span>
                </label>
              ))}
            </div>
          )}
        </div>
      ))}
      <span className="hint">{t('transition.senders.hint')}</span>
    </fieldset>
  );
}
