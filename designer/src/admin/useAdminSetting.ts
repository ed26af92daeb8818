/**
 * One setting an admin edits in place of the pack's (assignment rules, dashboards): loaded,
 * edited as a draft, saved whole naming the version edited (a colleague's save in between
 * is a conflict, not an overwrite), every problem the server finds kept by its pointer, and
 * reset to the pack's after a confirmation.
 */
import { useCallback, useEffect, useState } from 'react';
import { ApiError } from '../api/client.js';
import { messageOf, type Loadable } from '../api/loadable.js';
import { useToast } from '../ui/useToast.js';

export interface SettingApi<S, V> {
  get(): Promise<S>;
  save(value: V, version: number): Promise<S>;
  reset(version: number): Promise<S>;
}

export interface SettingTexts {
  saved: string;
  conflict: string;
  invalid: (count: number) => string;
  resetDone: string;
}

export function useAdminSetting<S extends { version: number }, V>(api: SettingApi<S, V>, valueOf: (setting: S) => V, texts: SettingTexts) {
  const toast = useToast();
  const [loaded, setLoaded] = useState<Loadable<S>>({ status: 'loading' });
  const [draft, setDraft] = useState<V | undefined>(undefined);
  const [errors, setErrors] = useState<Map<string, string>>(new Map());
  const [saving, setSaving] = useState(false);

  const take = useCallback(
    (setting: S) => {
      setLoaded({ status: 'ready', value: setting });
      setDraft(valueOf(setting));
      setErrors(new Map());
    },
    [valueOf],
  );
  useEffect(() => {
    api.get().then(take, (error: unknown) => setLoaded({ status: 'error', message: messageOf(error) }));
  }, [api, take]);

  const setting = loaded.status === 'ready' ? loaded.value : undefined;
  const dirty = setting !== undefined && JSON.stringify(draft) !== JSON.stringify(valueOf(setting));

  const save = async () => {
    if (!setting || draft === undefined) return;
    setSaving(true);
    try {
      take(await api.save(draft, setting.version));
      toast(texts.saved, 'success');
    } catch (error) {
      if (error instanceof ApiError && error.status === 409) toast(texts.conflict, 'error');
      else if (error instanceof ApiError && error.issues.length > 0) {
        setErrors(new Map(error.issues.map((i) => [i.pointer, i.message])));
        toast(texts.invalid(error.issues.length), 'error');
      } else toast(messageOf(error), 'error');
    } finally {
      setSaving(false);
    }
  };
  const reset = async () => {
    if (!setting) return;
    try {
      take(await api.reset(setting.version));
      toast(texts.resetDone, 'success');
    } catch (error) {
      toast(error instanceof ApiError && error.status === 409 ? texts.conflict : messageOf(error), 'error');
    }
  };
  return { loaded, setting, draft, setDraft, dirty, errors, saving, save, reset };
}
