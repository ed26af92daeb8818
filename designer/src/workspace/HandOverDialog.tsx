/**
 * Hand a record over: pick its new owner (người phụ trách) and handler (người xử lý) from
 * the user directory. The server decides who may (the owner, operators, managers, admins)
 * and says why not.
 */
import { useEffect, useState } from 'react';
import { messageOf, type Loadable } from '../api/loadable.js';
import { Dialog } from '../ui/Dialog.js';
import { useWorkText } from './useWorkText.js';
import { directoryUsers, type DirectoryUser } from './users-api.js';

export interface HandOverDialogProps {
  owner?: string;
  handler?: string;
  busy: boolean;
  onCancel: () => void;
  onConfirm: (to: { owner?: string; handler?: string | null }) => void;
}

export function HandOverDialog({ owner, handler, busy, onCancel, onConfirm }: HandOverDialogProps) {
  const { w, t } = useWorkText();
  const [users, setUsers] = useState<Loadable<DirectoryUser[]>>({ status: 'loading' });
  const [nextOwner, setNextOwner] = useState(owner ?? '');
  const [nextHandler, setNextHandler] = useState(handler ?? '');
  useEffect(() => {
    directoryUsers().then(
      (value) => setUsers({ status: 'ready', value }),
      (error: unknown) => setUsers({ status: 'error', message: messageOf(error) }),
    );
  }, []);
  const change = {
    ...(nextOwner !== '' && nextOwner !== (owner ?? '') ? { owner: nextOwner } : {}),
    ...(nextHandler !== (handler ?? '') ? { handler: nextHandler === '' ? null : nextHandler } : {}),
  };
  const options = (list: DirectoryUser[]) =>
    list.map((u) => (
      <option key={u.id} value={u.id}>
        {u.name} ({u.id})
      </option>
    ));

  return (
    <Dialog
      title={w('handOver.title')}
      confirmLabel={w('handOver.confirm')}
      confirmDisabled={busy || users.status !== 'ready' || Object.keys(change).length === 0}
      onCancel={onCancel}
      onConfirm={() => onConfirm(change)}
    >
      {users.status === 'loading' && <p className="muted">{t('common.loading')}</p>}
      {users.status === 'error' && <p role="alert">{t('common.loadFailed', { message: users.message })}</p>}
      {users.status === 'ready' && (
        <div className="hand-over">
          <label htmlFor="hand-over-owner">{w('record.owner')}</label>
          <select id="hand-over-owner" value={nextOwner} onChange={(e) => setNextOwner(e.target.value)}>
            {nextOwner === '' && <option value="">{w('handOver.nobody')}</option>}
            {options(users.value)}
          </select>
          <label htmlFor="hand-over-handler">{w('record.handler')}</label>
          <select id="hand-over-handler" value={nextHandler} onChange={(e) => setNextHandler(e.target.value)}>
            <option value="">{w('handOver.nobody')}</option>
            {options(users.value)}
          </select>
          <p className="muted">{w('handOver.hint')}</p>
        </div>
      )}
    </Dialog>
  );
}
