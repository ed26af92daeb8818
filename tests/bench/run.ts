/** `npm run bench`: every figure the issues ask for, each as `bench: <name> <value> <unit>`. */
import { benchHttp } from './http.js';
import { report } from './report.js';
import { benchTransitions } from './transitions.js';

await benchTransitions();
await benchHttp(Number(process.env.BENCH_HTTP_SECONDS ?? 10));
report('bench_process_peak_rss', process.resourceUsage().maxRSS / 1024, 'MB');
