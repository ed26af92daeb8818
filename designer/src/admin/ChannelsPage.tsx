/**
 * The channels messages go out through (admins only): each channel's state in words
 * (ready, not set up, settings wrong and why), the environment variables that set it up
 * (secrets shown only as set or not), the advertising rules in force, and a form that
 * sends a test message to an address the admin types.
 */
import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { messageOf, type Loadable } from '../api/loadable.js';
import { Link } from '../app/Link.js';
import { useToast } from '../ui/useToast.js';
import { channelsApi, type ChannelSummary } from './channels-api.js';
import { useAdminText } from './useAdminText.js';
import { paths } from '../app/routes.js';
import './admin.css';

function TestSend({ channel }: { channel: ChannelSummary }) {
  const { a } = useAdminText();
  const toast = useToast();
  const [to, setTo] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | undefined>();
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!to.trim()) {
      setError(a(channel.address === 'email' ? 'channels.testNeedEmail' : 'channels.testNeedPhone'));
      return;
    }
    setBusy(true);
    setError(undefined);
    try {
      await channelsApi.test(channel.name, to.trim());
      toast(a('channels.testSent', { to: to.trim() }), 'success');
    } catch (failure) {
      setError(messageOf(failure));
    } finally {
      setBusy(false);
    }
  };
  const id = `test-${channel.name}`;
  return (
    <form className="channel-test" onSubmit={(e) => void submit(e)} noValidate>
      <label htmlFor={id}>{a('channels.testLabel')}</label>
      <div className="channel-test-row">
        <input
          id={id}
          type={channel.address === 'email' ? 'email' : 'tel'}
          value={to}
          placeholder={channel.address === 'email' ? 'ban@congty.vn' : '0912 345 678'}
          onChange={(e) => setTo(e.target.value)}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${id}-error` : undefined}
          disabled={channel.state !== 'ready'}
        />
        <button type="submit" className="btn" disabled={busy || channel.state !== 'ready'}>
          {busy ? a('channels.testSending') : a('channels.testSend')}
        </button>
      </div>
      {error && (
        <p id={`${id}-error`} className="field-error" role="alert">
          {error}
        </p>
      )}
    </form>
  );
}

function ChannelCard({ channel }: { channel: ChannelSummary }) {
  const { a, label } = useAdminText();
  const state = channel.state === 'ready' ? a('channels.ready') : channel.state === 'off' ? a('channels.off') : a('channels.invalid');
  return (
    <li className="panel channel-card" data-channel={channel.name} data-state={channel.state}>
      <div className="channel-head">
        <h2>{label(channel.labels, channel.name)}</h2>
        <span className={`channel-state channel-state-${channel.state}`}>{state}</span>
      </div>
      <p className="muted">{channel.state === 'off' ? a('channels.offHelp') : a(channel.address === 'email' ? 'channels.sendsEmail' : channel.address === 'phone' ? 'channels.sendsPhone' : 'channels.sendsExternal')}</p>
      {channel.issues.length > 0 && (
        <ul className="channel-issues" role="alert">
          {channel.issues.map((issue) => (
            <li key={issue.pointer + issue.message}>{issue.message}</li>
          ))}
        </ul>
      )}
      <table className="channel-settings">
        <caption className="sr-only">{a('channels.settings')}</caption>
        <thead>
          <tr>
            <th scope="col">{a('channels.variable')}</th>
            <th scope="col">{a('channels.value')}</th>
          </tr>
        </thead>
        <tbody>
          {channel.settings.map((setting) => (
            <tr key={setting.key}>
              <td>
                <code>{setting.variable}</code>
              </td>
              <td>
                {!setting.set ? (
                  <span className="muted">{a('channels.notSet')}</span>
                ) : setting.secret ? (
                  <span>{a('channels.secretSet')}</span>
                ) : (
                  <code>{String(setting.value)}</code>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {channel.advertising && (
        <p className="channel-rules">
          {a('channels.rules', {
            prefix: channel.advertising.prefix?.trim() || '—',
            window: channel.advertising.window ? `${channel.advertising.window.from}–${channel.advertising.window.to}` : a('channels.anyTime'),
            perDay: channel.advertising.perDay ?? '∞',
          })}
        </p>
      )}
      {channel.address !== 'external' && <TestSend channel={channel} />}
    </li>
  );
}

export function ChannelsPage() {
  const { a } = useAdminText();
  const [channels, setChannels] = useState<Loadable<ChannelSummary[]>>({ status: 'loading' });
  const load = useCallback(() => {
    channelsApi.list().then(
      (value) => setChannels({ status: 'ready', value: value.items }),
      (error: unknown) => setChannels({ status: 'error', message: messageOf(error) }),
    );
  }, []);
  useEffect(load, [load]);
  return (
    <main className="page page-narrow channels-page">
      <div className="page-head">
        <h1>{a('channels.title')}</h1>
        <p className="muted">{a('channels.subtitle')}</p>
        <nav className="admin-subnav" aria-label={a('channels.title')}>
          <Link to={paths.channels()} aria-current="page">
            {a('channels.tab')}
          </Link>
          <Link to={paths.templates()}>{a('templates.tab')}</Link>
        </nav>
      </div>
      {channels.status === 'loading' && <p className="muted">{a('automations.loading')}</p>}
      {channels.status === 'error' && <p role="alert">{channels.message}</p>}
      {channels.status === 'ready' && channels.value.length === 0 && <p className="panel">{a('channels.none')}</p>}
      {channels.status === 'ready' && channels.value.length > 0 && (
        <ul className="channel-list">
          {channels.value.map((channel) => (
            <ChannelCard key={channel.name} channel={channel} />
          ))}
        </ul>
      )}
    </main>
  );
}
