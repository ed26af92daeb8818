/**
 * The web app's second entry (index.html), a few hundred bytes run as soon as they arrive:
 * starts the requests the page at this address makes first (./api/early-requests.ts) while
 * the browser is still reading the app's main script, which takes it ~200 ms on a first visit.
 */
import { startEarlyRequests } from './api/early-requests.js';

startEarlyRequests(window.location.pathname);
