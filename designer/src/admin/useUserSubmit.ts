/**
 * The submit of a user dialog: check first, then call the API; field errors (the
 * form's or the server's) land on the fields and the first one takes the focus; a
 * concurrent change reloads the list; anything else is a toast.
 */
import { useEffect, useRef, useState } from 'react';
import { ApiError } from '../api/client.js';
import { messageOf } from '../api/loadable.js';
import { useToast } from '../ui/useToast.js';
import { fieldErrorsOf, type FieldErrors, type UserField } from './user-form.js';
import { useAdminText } from './useAdminText.js';
import type { User } from './users-api.js';

export function useUserSubmit(onConflict: () => void) {
  const { a } = useAdminText();
  const toast = useToast();
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [attempt, setAttempt] = useState(0);
  const box = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (attempt > 0) box.current?.querySelector<HTMLElement>('input[aria-invalid="true"]')?.focus();
  }, [attempt]);

  const fail = (next: FieldErrors) => {
    setErrors(next);
    setAttempt((n) => n + 1);
  };

  /** Run `call` unless `found` has errors; `done` gets what it answered (the saved user). */
  const submit = async <T,>(found: FieldErrors, call: () => Promise<T>, done: (answer: T) => void) => {
    if (Object.keys(found).length > 0) return fail(found);
    setBusy(true);
    try {
      done(await call());
    } catch (error) {
      if (error instanceof ApiError && error.code === 'version-conflict') {
        toast(a('conflict'), 'error');
        onConflict();
        return;
      }
      const fields = fieldErrorsOf(error, a);
      if (fields) fail(fields);
      else toast(messageOf(error), 'error');
    } finally {
      setBusy(false);
    }
  };

  /** Forget a field's error once the user changes it. */
  const clear = (field: UserField) =>
    setErrors((current) => {
      if (current[field] === undefined) return current;
      const next = { ...current };
      delete next[field];
      return next;
    });

  return { box, busy, errors, submit, clear };
}

/** What a dialog acting on one existing user is given. */
export interface UserDialogProps {
  user: User;
  onCancel: () => void;
  onSaved: (user: User) => void;
  /** The user changed meanwhile: reload the list. */
  onConflict: () => void;
}
