/** Sign in with a user id and a password; says plainly why when it fails. */
import { useState, type FormEvent } from 'react';
import { messageOf } from '../api/loadable.js';
import { ApiError } from '../api/client.js';
import { useI18n } from '../i18n/useI18n.js';
import { LanguageSwitch } from './LanguageSwitch.js';
import { session } from './session.js';

export function SignInPage({ expired }: { expired: boolean }) {
  const { t } = useI18n();
  const [user, setUser] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | undefined>(expired ? t('signIn.expired') : undefined);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      await session.signIn(user.trim(), password);
    } catch (failure) {
      setPassword('');
      if (failure instanceof ApiError && failure.code === 'unauthenticated') setError(t('signIn.wrong'));
      else if (failure instanceof ApiError && failure.code === 'too-many-attempts') {
        // The server says how long: in whole minutes, at least one.
        const seconds = Number(failure.problem.retryAfterSeconds);
        setError(t('signIn.locked', { minutes: Number.isFinite(seconds) ? Math.max(1, Math.ceil(seconds / 60)) : 15 }));
      } else if (failure instanceof ApiError && failure.code === 'auth-busy') setError(t('signIn.overloaded'));
      else setError(messageOf(failure));
    } finally {
      setBusy(false);
    }
  };

  return (
    <main className="sign-in">
      <form className="panel sign-in-form" onSubmit={(e) => void submit(e)} aria-labelledby="sign-in-title">
        <div className="sign-in-head">
          <span className="brand">
            <span className="brand-mark" aria-hidden="true" />
            tourflow
          </span>
          <LanguageSwitch />
        </div>
        <h1 id="sign-in-title">{t('signIn.title')}</h1>
        {error && (
          <p role="alert" className="sign-in-error">
            {error}
          </p>
        )}
        <label htmlFor="sign-in-user">{t('signIn.user')}</label>
        <input
          id="sign-in-user"
          name="user"
          autoComplete="username"
          autoFocus
          required
          maxLength={100}
          value={user}
          onChange={(e) => setUser(e.target.value)}
        />
        <label htmlFor="sign-in-password">{t('signIn.password')}</label>
        <input
          id="sign-in-password"
          name="password"
          type="password"
          autoComplete="current-password"
          required
          maxLength={200}
          value={password}
          onChange={(e) => setPassword(e.target.value)}
        />
        <button
          type="submit"
          className="btn btn-primary"
          disabled={busy || user.trim() === '' || password === ''}
        >
          {busy ? t('signIn.busy') : t('signIn.submit')}
        </button>
      </form>
    </main>
  );
}
