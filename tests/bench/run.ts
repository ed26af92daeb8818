/** `npm run bench`: every figure the issues ask for, each as `bench: <name> <value> <unit>`. */
import { benchBackup } from './backup.js';
import { benchDesigner } from './designer.js';
import { benchGrowth } from './growth.js';
import { benchMigration } from './migration.js';
import { benchHttp, benchSignInFlood } from './http.js';
import { benchCampaign } from './campaign.js';
import { benchOutbox, benchOutboxSustained } from './outbox.js';
import { benchReminders } from './reminders.js';
import { report } from './report.js';
import { benchReports } from './reports.js';
import { benchTransitions } from './transitions.js';
import { benchWorkspace } from './workspace.js';

/** Every group of figures, in the order they run. */
const groups: [name: string, run: () => Promise<void>][] = [
  ['transitions', benchTransitions],
  ['http', () => benchHttp(Number(process.env.BENCH_HTTP_SECONDS ?? 10))],
  ['signin', benchSignInFlood],
  ['reminders', benchReminders],
  ['outbox', benchOutbox],
  ['sustained', benchOutboxSustained],
  ['campaign', benchCampaign],
  ['designer', benchDesigner],
  ['migration', benchMigration],
  ['workspace', benchWorkspace],
  ['reports', benchReports],
  ['backup', benchBackup],
  ['growth', benchGrowth],
];

// `BENCH_ONLY=workspace,designer npm run bench`: those groups alone (every one by default),
// `BENCH_REPEAT=3`: each of them that many times in a row, to see how much a figure moves.
const only = process.env.BENCH_ONLY?.split(',').map((name) => name.trim());
const unknown = only?.filter((name) => !groups.some(([group]) => group === name)) ?? [];
if (unknown.length > 0) throw new Error(`BENCH_ONLY names no group ${unknown.join(', ')}: the groups are ${groups.map(([name]) => name).join(', ')}`);
const repeat = Math.max(1, Number(process.env.BENCH_REPEAT ?? 1));
for (const [name, run] of groups) {
  if (only !== undefined && !only.includes(name)) continue;
  for (let round = 1; round <= repeat; round++) {
    if (repeat > 1) console.log(`bench: -- ${name}, round ${round} of ${repeat}`);
    await run();
  }
}
report('bench_process_peak_rss', process.resourceUsage().maxRSS / 1024, 'MB');
