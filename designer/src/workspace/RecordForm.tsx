/**
 * A record's form (./RecordFormBody.tsx), fetched as a script of its own: the form library
 * and its validator are a third of the app's code and a board or a list shows no form.
 * Fetched when the browser is idle after the first page (`preloadRecordForm`), or at once
 * by a page that shows a form first, so that a form opened later never waits.
 */
import { Suspense } from 'react';
import { lazyPage } from '../app/lazy-page.js';
import { useI18n } from '../i18n/useI18n.js';
import type { RecordFormProps } from './RecordFormBody.js';

export type { RecordFormProps } from './RecordFormBody.js';

const body = lazyPage<RecordFormProps>(() => import('./RecordFormBody.js').then((m) => m.RecordFormBody));

/** Fetch the form's script now (a failure is tried again when a form is shown). */
export function preloadRecordForm(): void {
  void body.preload().catch(() => undefined);
}

/** After the page's first data came: a page's requests leave the browser idle while they wait. */
const AFTER_FIRST_PAGE_MS = 1500;

/** Fetch the form's script once the page is drawn and the browser has nothing else to do. */
export function preloadRecordFormWhenIdle(): () => void {
  const idle = (): void => {
    if (typeof window.requestIdleCallback === 'function') window.requestIdleCallback(preloadRecordForm, { timeout: 2000 });
    else preloadRecordForm();
  };
  const timer = setTimeout(idle, AFTER_FIRST_PAGE_MS);
  return () => clearTimeout(timer);
}

export function RecordForm(props: RecordFormProps) {
  const { t } = useI18n();
  return (
    <Suspense
      fallback={
        <p className="muted" aria-busy="true">
          {t('common.loading')}
        </p>
      }
    >
      <body.Page {...props} />
    </Suspense>
  );
}
