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

await benchTransitions();
await benchHttp(Number(process.env.BENCH_HTTP_SECONDS ?? 10));
await benchSignInFlood();
await benchReminders();
await benchOutbox();
await benchOutboxSustained();
await benchCampaign();
await benchDesigner();
await benchMigration();
await benchWorkspace();
await benchReports();
await benchBackup();
await benchGrowth();
report('bench_process_peak_rss', process.resourceUsage().maxRSS / 1024, 'MB');
