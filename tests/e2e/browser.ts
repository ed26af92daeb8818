/**
 * Debian's Chromium through playwright-core (never its downloaded browsers). Browser
 * tests skip, saying why, when /usr/bin/chromium is missing.
 */
import { existsSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';
import type { E2eServer, Role } from './e2e-server.js';

export const CHROMIUM = '/usr/bin/chromium';
export const hasChromium = existsSync(CHROMIUM);
export const skipReason = `browser tests skipped: ${CHROMIUM} is missing (apt-get install -y chromium; .ci/run does it)`;

export const VIEWPORT = { width: 1366, height: 768 };

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

/** Who a page is signed in as: `user` (default `admin`), created with `roles` (default admin) when missing. */
export interface SignedInAs {
  server: E2eServer;
  user?: string;
  roles?: Role[];
}

/**
 * A page at 1366×768 in `lang`, collecting console errors (favicon 404s aside); with
 * `as`, signed in (the session cookie is set before the first navigation), otherwise
 * it shows the sign-in page.
 */
export async function openPage(
  browser: Browser,
  lang: 'vi' | 'en',
  as?: SignedInAs,
): Promise<{ page: Page; errors: string[] }> {
  const context = await browser.newContext({ viewport: VIEWPORT, locale: lang === 'vi' ? 'vi-VN' : 'en-GB' });
  if (as) {
    const token = await as.server.signIn(as.user ?? 'admin', as.roles ?? ['admin']);
    await context.addCookies([
      { name: 'tourflow_session', value: token, url: as.server.url, httpOnly: true, sameSite: 'Strict' },
    ]);
  }
  // Runs in the page (a script string: this file is not compiled with DOM types).
  await context.addInitScript({
    content: `if (!localStorage.getItem('tourflow.lang')) localStorage.setItem('tourflow.lang', ${JSON.stringify(lang)});`,
  });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error' && !/favicon/.test(message.text())) errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(error.message));
  return { page, errors };
}
