/**
 * The web app's second entry (index.html), a few hundred bytes run as soon as they arrive:
 * starts the requests the page at this address makes first (./api/early-requests.ts) and
 * makes the language's date and money formats while the browser is still reading the app's
 * main script, which takes it ~200 ms on a first visit.
 */
import { startEarlyRequests } from './api/early-requests.js';
import { warmFormats } from './i18n/format.js';
import { initialLang } from './i18n/initial-lang.js';

startEarlyRequests(window.location.pathname);
// While the requests travel and the main script is read: the dates' and sums' formats.
warmFormats(initialLang());
