/**
 * No machinery on screen (issue 11.4): every entity's board, list and a record page of the
 * travel CRM with its demo data, in Vietnamese and English, shows no UUID, no system actor
 * id and no identifier of the pack (a camelCase field or activity key, a kebab-case value,
 * an EVENT_NAME) in its visible text.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasChromium, launchChromium, skipReason } from './browser.js';
import { ROOT, startE2eServer, type E2eServer } from './e2e-server.js';
import { openWorkspace } from './workspace-page.js';

if (!hasChromium) console.warn(skipReason);

const PACK = path.join(ROOT, 'definitions/travel-crm');
const MINI_CRM = path.join(ROOT, 'tests/fixtures/packs/mini-crm');
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;
const CODE_LIKE = /^(?:[a-z]+[A-Z][A-Za-z0-9]*|[a-z0-9]+(?:-[a-z0-9]+)+|[A-Z]+(?:_[A-Z]+)+)$/;

/** Every key, value and name of a pack that reads as code. */
function packIdentifiers(dir: string): Set<string> {
  const found = new Set<string>();
  const collect = (node: unknown, key?: string): void => {
    if (Array.isArray(node)) {
      for (const item of node) collect(item, key);
      return;
    }
    if (typeof node === 'string') {
      if (key === 'enum' || key === 'id' || key === 'type' || key === 'field' || key === 'event') found.add(node);
      return;
    }
    if (!node || typeof node !== 'object') return;
    for (const [name, value] of Object.entries(node)) {
      found.add(name);
      collect(value, name);
    }
  };
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.json'))) {
    collect(JSON.parse(readFileSync(path.join(dir, file), 'utf8')));
    found.add(file.split('.')[0] ?? '');
  }
  return new Set([...found].filter((word) => CODE_LIKE.test(word)));
}

const entitiesOf = (dir: string) => (JSON.parse(readFileSync(path.join(dir, 'pack.json'), 'utf8')) as { entities: string[] }).entities;
const ENTITIES = entitiesOf(PACK);

/** What of the page's visible text is machinery. */
async function rawCodes(page: Page, identifiers: Set<string>): Promise<string[]> {
  const text = await page.locator('main').innerText();
  const words = text.split(/[\s,.;:()[\]{}"'“”‘’!?·›→←|/]+/).filter(Boolean);
  return [...(UUID.exec(text) ?? []), ...(text.includes('system:') ? ['system:…'] : []), ...words.filter((word) => identifiers.has(word))];
}

/** The board, the list and the first record page of an entity, and what machinery each shows. */
async function walk(page: Page, url: string, entity: string, identifiers: Set<string>): Promise<Record<string, string[]>> {
  const found: Record<string, string[]> = {};
  await page.goto(`${url}/work/${entity}/board`);
  await page.locator('.board, .board-loading, [role="alert"]').first().waitFor();
  await page.locator('.board-loading').waitFor({ state: 'detached' });
  found.board = await rawCodes(page, identifiers);
  await page.goto(`${url}/work/${entity}/list`);
  await page.locator('.work-table, .list-empty, .empty-state').first().waitFor();
  found.list = await rawCodes(page, identifiers);
  const link = page.locator('.work-table tbody tr a').first();
  if ((await link.count()) > 0) {
    await link.click();
    await page.locator('.record-fields').waitFor();
    await page.locator('.timeline').waitFor();
    // Names of references arrive after the form.
    await page.waitForLoadState('networkidle');
    found.record = await rawCodes(page, identifiers);
  }
  return found;
}

const nothing = (found: Record<string, string[]>) => Object.fromEntries(Object.keys(found).map((where) => [where, []]));

describe.skipIf(!hasChromium)('workspace: no raw code on screen', () => {
  let server: E2eServer;
  let browser: Browser;
  const identifiers = packIdentifiers(PACK);
  const pages: Partial<Record<'vi' | 'en', Page>> = {};

  beforeAll(async () => {
    [server, browser] = await Promise.all([startE2eServer({ pack: 'travel-crm', demoRecords: 400 }), launchChromium()]);
    for (const lang of ['vi', 'en'] as const) pages[lang] = (await openWorkspace(browser, lang, server, 'admin', ['admin'])).page;
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it.each(ENTITIES.flatMap((entity) => (['vi', 'en'] as const).map((lang) => [entity, lang] as const)))(
    '%s in %s: board, list and a record page',
    async (entity, lang) => {
      const found = await walk(pages[lang] as Page, server.url, entity, identifiers);
      expect(found).toEqual(nothing(found));
    },
    60_000,
  );
});

describe.skipIf(!hasChromium)('workspace: no raw code on screen, in a second pack', () => {
  let server: E2eServer;
  let browser: Browser;
  const identifiers = packIdentifiers(MINI_CRM);
  const pages: Partial<Record<'vi' | 'en', Page>> = {};

  beforeAll(async () => {
    [server, browser] = await Promise.all([startE2eServer(), launchChromium()]);
    for (const lang of ['vi', 'en'] as const) pages[lang] = (await openWorkspace(browser, lang, server, 'admin', ['admin'])).page;
    // A record, so that a record page is walked too.
    const deal = await server.api('POST', '/api/records/deal', { data: { title: 'Đoàn Huế 3N2Đ' } });
    expect(deal.status).toBe(201);
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it.each(entitiesOf(MINI_CRM).flatMap((entity) => (['vi', 'en'] as const).map((lang) => [entity, lang] as const)))('%s in %s: board, list and a record page', async (entity, lang) => {
    const found = await walk(pages[lang] as Page, server.url, entity, identifiers);
    expect(found).toEqual(nothing(found));
  }, 60_000);
});
