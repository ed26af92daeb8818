/**
 * The summary of reports a recurring job sends each user of a role (the weekly summary to
 * managers, issue 14): each report run for that user (their visibility, the period asked),
 * its money and number columns added up, written in Vietnamese and English. It reaches them
 * in the app, and through the email channel when one is configured and they have an address.
 * Keyed by the job's run and the user, so a run repeated after a crash sends nothing twice.
 */
import type { RecurringAction } from '../../definitions/definition.js';
import { DuplicateKeyError } from '../../errors.js';
import type { Filter, Store } from '../../store/store.js';
import { STAFF, type Messenger } from './channels/messenger.js';
import { NOTIFICATIONS, USERS } from '../../collections.js';
import { resolveRecipient, type Role } from '../access/index.js';
import type { ReportResult, ReportSummary } from '../core/index.js';

type SummaryAction = Extract<RecurringAction, { type: 'sendReportSummary' }>;

export interface SummaryDeps {
  store: Store;
  /** The read side's reports (../read/reports.ts), as this job uses them. */
  reports: {
    listReports(roles: readonly Role[]): ReportSummary[];
    runReport(id: string, reader: { roles: readonly Role[]; scope: Filter | undefined }, params: Record<string, string>): Promise<ReportResult>;
  };
  /** What a user may see of an entity (the API's visibility filter). */
  scopeOf(user: { id: string; roles: Role[]; team?: string }, entity: string): Promise<Filter | undefined>;
  messenger?: Messenger;
}

const money = (lang: 'vi' | 'en', n: number) => (lang === 'vi' ? `${new Intl.NumberFormat('vi-VN').format(n)} ₫` : `${new Intl.NumberFormat('en-US').format(n)} VND`);
const number = (lang: 'vi' | 'en', n: number) => new Intl.NumberFormat(lang === 'vi' ? 'vi-VN' : 'en-US').format(n);
const PERIOD = { vi: { 'this-month': 'tháng này', 'this-quarter': 'quý này', 'this-year': 'năm nay', 'last-12-months': '12 tháng gần nhất', all: 'toàn bộ' }, en: { 'this-month': 'this month', 'this-quarter': 'this quarter', 'this-year': 'this year', 'last-12-months': 'the last 12 months', all: 'all time' } } as const;

/** One user's totals, per report they may run: run once, written in both languages. */
async function linesFor(deps: SummaryDeps, user: { id: string; roles: Role[]; team?: string }, action: SummaryAction): Promise<Record<'vi' | 'en', string[]>> {
  const listed = new Map(deps.reports.listReports(user.roles).map((r) => [r.id, r]));
  const lines: Record<'vi' | 'en', string[]> = { vi: [], en: [] };
  for (const id of action.reports) {
    const report = listed.get(id);
    if (!report) continue; // not for this user's roles
    const periodParam = Object.entries(report.params ?? {}).find(([, p]) => p.kind === 'period')?.[0];
    const { rows } = await deps.reports.runReport(id, { roles: user.roles, scope: await deps.scopeOf(user, report.entity) }, periodParam ? { [periodParam]: action.period ?? 'this-month' } : {});
    const totals = report.columns
      .filter((c) => c.format === 'money' || c.format === 'number')
      .map((c) => ({ column: c, sum: rows.reduce((acc, row) => acc + (typeof row[c.key] === 'number' ? (row[c.key] as number) : 0), 0) }));
    for (const lang of ['vi', 'en'] as const) {
      const figures = totals.map(({ column, sum }) => `${column.labels[lang]}: ${column.format === 'money' ? money(lang, sum) : number(lang, Math.round(sum * 10) / 10)}`);
      lines[lang].push(`• ${report.labels[lang]}: ${figures.length > 0 ? figures.join('; ') : lang === 'vi' ? 'xem trên trang Báo cáo' : 'see the Reports page'}`);
    }
  }
  return lines;
}

/** Send one run's summaries; resolves with how many users got one. */
export async function sendReportSummaries(deps: SummaryDeps, job: string, run: string, action: SummaryAction): Promise<{ matched: number; done: number; skipped: number }> {
  const ids = await resolveRecipient(deps.store, `role:${action.role}`);
  let done = 0;
  for (const id of ids) {
    const user = await deps.store.get<{ _id: string; roles?: Role[]; team?: string }>(USERS, id);
    if (!user) continue;
    const who = { id, roles: user.roles ?? [], ...(user.team ? { team: user.team } : {}) };
    const { vi, en } = await linesFor(deps, who, action);
    const period = action.period ?? 'this-month';
    const message = { vi: `Tóm tắt số liệu ${PERIOD.vi[period]}:\n${vi.join('\n')}`, en: `Summary of ${PERIOD.en[period]}:\n${en.join('\n')}` };
    const key = `recurring:${job}:${run}:summary:${id}`;
    try {
      await deps.store.commit([{ op: 'insert', collection: NOTIFICATIONS, doc: { _id: key, user: id, message, read: false, createdAt: new Date().toISOString() } }]);
    } catch (error) {
      if (!(error instanceof DuplicateKeyError)) throw error; // delivered by an earlier attempt of this run
    }
    if (deps.messenger) {
      const subject = `Tóm tắt số liệu ${PERIOD.vi[period]} · Summary of ${PERIOD.en[period]}`;
      await deps.messenger.send({ key, channel: action.channel ?? 'email', content: { subject, body: `${message.vi}\n\n${message.en}` }, recipient: { entity: STAFF, id }, about: { entity: STAFF, id }, actor: `system:recurring:${job}`, signal: AbortSignal.timeout(30_000) });
    }
    done++;
  }
  return { matched: ids.length, done, skipped: ids.length - done };
}
