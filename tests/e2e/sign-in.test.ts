/**
 * Signing in and roles, on the travel CRM pack: the sign-in page in both languages; a
 * wrong password is refused and the page stays; the right one opens the workspace with
 * an HttpOnly session cookie; a sales person sees no admin sections and gets the "only
 * admins" page at /designer; signing out ends the session on the server too. An admin
 * creates a user on the Users page (errors on the fields, the server's included), changes
 * their roles, resets their password (their open session ends), disables and enables them.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasChromium, launchChromium, openPage, skipReason } from './browser.js';
import { randomPassword, startE2eServer, type E2eServer } from './e2e-server.js';
import { switchLanguage, workspaceScreenshot } from './workspace-page.js';

if (!hasChromium) console.warn(skipReason);

const COOKIE = 'tourflow_session';
/** A fetch without a session (or with another client's token) answers 401 until signed in. */
const status = async (url: string, token?: string) =>
  (await fetch(url, token ? { headers: { authorization: `Bearer ${token}` } } : {})).status;

/** Fill the sign-in form and submit it with the keyboard. */
async function signIn(page: Page, user: string, password: string): Promise<void> {
  await page.locator('#sign-in-user').fill(user);
  await page.locator('#sign-in-password').fill(password);
  await page.locator('#sign-in-password').press('Enter');
}

describe.skipIf(!hasChromium)('signing in, signing out and roles', () => {
  let server: E2eServer;
  let browser: Browser;
  let page: Page;
  let errors: string[];
  let lanPassword: string;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startE2eServer({ pack: 'travel-crm' }), launchChromium()]);
    lanPassword = await server.createUser('lan', ['sales'], { name: 'Nguyễn Lan' });
    ({ page, errors } = await openPage(browser, 'vi'));
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('shows the sign-in page, in Vietnamese and English, to a browser without a session', async () => {
    await page.goto(`${server.url}/work/opportunity/board`);
    await page.getByRole('heading', { name: 'Đăng nhập' }).waitFor();
    expect(await page.locator('label[for="sign-in-user"]').textContent()).toBe('Tên đăng nhập');
    expect(await page.locator('label[for="sign-in-password"]').textContent()).toBe('Mật khẩu');
    expect(await page.locator('.app-header').count()).toBe(0);
    // The user id field has the focus; the button waits for both fields.
    expect(await page.evaluate('document.activeElement?.id')).toBe('sign-in-user');
    expect(await page.getByRole('button', { name: 'Đăng nhập' }).isDisabled()).toBe(true);
    await workspaceScreenshot(page, 'sign-in-vi');
    await switchLanguage(page, 'en');
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    expect(await page.locator('label[for="sign-in-user"]').textContent()).toBe('User id');
    await workspaceScreenshot(page, 'sign-in-en');
    expect(await status(`${server.url}/api/records/opportunity`)).toBe(401);
  });

  it('refuses a wrong password and stays; the right one opens the workspace', async () => {
    await signIn(page, 'lan', 'not-the-password');
    const alert = page.getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toBe('The user id or the password is wrong.');
    expect(await page.locator('#sign-in-password').inputValue()).toBe('');
    expect(await page.locator('#sign-in-user').inputValue()).toBe('lan');
    expect(page.url()).toBe(`${server.url}/work/opportunity/board`);
    await workspaceScreenshot(page, 'sign-in-wrong-en');

    await page.locator('#sign-in-password').fill(lanPassword);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.locator('.board').waitFor();
    expect(page.url()).toBe(`${server.url}/work/opportunity/board`);
    const user = page.locator('.app-header .actor');
    expect(await user.textContent()).toContain('Nguyễn Lan');
    expect(await user.getAttribute('title')).toBe('lan · Sales');
    // The session is an HttpOnly, SameSite=Strict cookie: no script of the page reads it.
    const cookie = (await page.context().cookies()).find((c) => c.name === COOKIE);
    expect([cookie?.httpOnly, cookie?.sameSite]).toEqual([true, 'Strict']);
    expect(await page.evaluate('document.cookie')).not.toContain(COOKIE);
  });

  it('says how long to wait once a user id is locked, in the page\'s language', async () => {
    await server.createUser('locked.user', ['sales']);
    for (let i = 0; i < 10; i++) await server.api('POST', '/api/auth/login', { user: 'locked.user', password: `wrong password ${i}` });
    const other = await openPage(browser, 'vi');
    await other.page.goto(`${server.url}/`);
    await signIn(other.page, 'locked.user', 'wrong password 11');
    await other.page.getByRole('alert').filter({ hasText: 'Đăng nhập sai quá nhiều lần: vui lòng thử lại sau 15 phút.' }).waitFor();
    await workspaceScreenshot(other.page, 'sign-in-locked-vi');
    await other.page.context().close();
  });

  it('gives a sales person no admin sections, and the "only admins" page at /designer', async () => {
    const nav = page.locator('.app-nav');
    // The inbox shows once its count has loaded.
    await expect.poll(() => nav.getByRole('link').allTextContents()).toEqual(['Workspace', 'My work', 'Reports', 'Inbox']);
    await page.goto(`${server.url}/`);
    await page.waitForURL(/\/work\/opportunity\/board$/);
    await page.goto(`${server.url}/designer`);
    await page.getByRole('heading', { name: 'Only admins can open this page' }).waitFor();
    await workspaceScreenshot(page, 'admin-only-en');
    await page.goto(`${server.url}/admin/users`);
    await page.getByRole('heading', { name: 'Only admins can open this page' }).waitFor();
    await switchLanguage(page, 'vi');
    await page.getByRole('heading', { name: 'Chỉ quản trị viên mở được trang này' }).waitFor();
    await page.getByRole('link', { name: 'Đến trang Công việc' }).click();
    await page.locator('.board').waitFor();
    await switchLanguage(page, 'en');
    // The app asked nothing a sales person may not have: no refused request on the way.
    // (The 401s: asking who is signed in before signing in, and the wrong password.)
    expect(errors.filter((e) => !/status of 401/.test(e))).toEqual([]);
  });

  it('signs out: back to the sign-in page, and the session no longer opens the API', async () => {
    const token = (await page.context().cookies()).find((c) => c.name === COOKIE)?.value;
    expect(await status(`${server.url}/api/auth/me`, token)).toBe(200);
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    expect((await page.context().cookies()).map((c) => c.name)).not.toContain(COOKIE);
    expect(await status(`${server.url}/api/auth/me`, token)).toBe(401);
    expect(await status(`${server.url}/api/records/opportunity`, token)).toBe(401);
    await page.reload();
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    await page.context().close();
  });

  it('lets an admin create a user, who can then sign in; roles, password and disabling follow', async () => {
    const admin = await openPage(browser, 'en', { server });
    await admin.page.goto(`${server.url}/designer`);
    await admin.page.locator('.app-nav').getByRole('link', { name: 'Users' }).click();
    const row = (id: string) => admin.page.locator(`.users-table tr[data-user="${id}"]`);
    await row('lan').waitFor();
    const cells = (id: string) => row(id).locator('td:not(.cell-actions)').allTextContents();
    const actions = (id: string) => row(id).locator('button').allTextContents();
    expect(await cells('admin')).toEqual(['Administrator', 'Admin', '—', 'Active']);
    // Nobody disables themselves: the admin's own row offers no Disable.
    expect(await actions('admin')).toEqual(['Edit', 'Reset password']);

    // Nothing filled in: every field says what it needs, and the first takes the focus.
    await admin.page.getByRole('button', { name: 'New user' }).click();
    const dialog = admin.page.getByRole('dialog', { name: 'New user' });
    await dialog.getByRole('button', { name: 'Create user' }).click();
    const fieldError = (id: string) => dialog.locator(`#${id}-error`);
    await fieldError('user-id').waitFor();
    expect(await fieldError('user-id').textContent()).toBe('Enter a user id.');
    expect(await fieldError('user-name').textContent()).toBe('Enter the person’s name.');
    expect(await fieldError('user-roles').textContent()).toBe('Choose at least one role.');
    expect(await fieldError('user-password').textContent()).toBe(
      'The password needs at least 10 characters.',
    );
    expect(await admin.page.evaluate('document.activeElement?.id')).toBe('user-id');
    await workspaceScreenshot(admin.page, 'users-new-errors-en');

    // A taken id passes the form's checks; the server's answer lands on the field.
    const password = randomPassword();
    await dialog.locator('#user-id').fill('lan');
    await dialog.locator('#user-name').fill('Trần Thị Hoa');
    await dialog.getByRole('checkbox', { name: 'Operator' }).focus();
    await admin.page.keyboard.press('Space');
    await dialog.locator('#user-team').fill('Hà Nội');
    await dialog.locator('#user-password').fill(password);
    await dialog.locator('#user-password').press('Enter');
    await dialog.locator('#user-id-error', { hasText: 'This user id is taken: choose another.' }).waitFor();
    expect(await dialog.locator('#user-id').getAttribute('aria-invalid')).toBe('true');
    await dialog.locator('#user-id').fill('hoa');
    await dialog.getByRole('button', { name: 'Create user' }).click();
    await dialog.waitFor({ state: 'detached' });
    await admin.page.locator('.toast', { hasText: 'User hoa created' }).waitFor();
    // The list reloads after the toast: wait for the new row rather than read it at once.
    await expect.poll(() => cells('hoa')).toEqual(['Trần Thị Hoa', 'Operator', 'Hà Nội', 'Active']);
    expect(await actions('hoa')).toEqual(['Edit', 'Reset password', 'Disable']);
    await workspaceScreenshot(admin.page, 'users-en');
    await switchLanguage(admin.page, 'vi');
    await admin.page.getByRole('heading', { name: 'Người dùng' }).waitFor();
    expect(await row('hoa').locator('td').nth(1).textContent()).toBe('Điều hành');
    await workspaceScreenshot(admin.page, 'users-vi');
    await switchLanguage(admin.page, 'en');

    // The new user signs in on the sign-in page.
    const hoa = await openPage(browser, 'en');
    await hoa.page.goto(`${server.url}/`);
    await signIn(hoa.page, 'hoa', password);
    await hoa.page.waitForURL(/\/work\/opportunity\/board$/);
    expect(await hoa.page.locator('.app-header .actor').getAttribute('title')).toBe('hoa · Operator');

    // Another role, by the keyboard.
    await row('hoa').getByRole('button', { name: 'Edit hoa' }).click();
    const edit = admin.page.getByRole('dialog', { name: 'Edit hoa' });
    await edit.getByRole('checkbox', { name: 'Accountant' }).check();
    await edit.getByRole('button', { name: 'Save' }).click();
    await row('hoa').locator('.role-accountant').waitFor();
    expect(await row('hoa').locator('.role-chip').allTextContents()).toEqual(['Operator', 'Accountant']);

    // A new password ends hoa's open session: her next step says so.
    const next = randomPassword();
    await row('hoa').getByRole('button', { name: 'Reset password for hoa' }).click();
    const reset = admin.page.getByRole('dialog', { name: 'New password for hoa' });
    await reset.locator('#new-password').fill('too short');
    await reset.getByRole('button', { name: 'Set password' }).click();
    expect(await reset.locator('#new-password-error').textContent()).toBe(
      'The password needs at least 10 characters.',
    );
    await reset.locator('#new-password').fill(next);
    await reset.getByRole('button', { name: 'Set password' }).click();
    await reset.waitFor({ state: 'detached' });
    await hoa.page.getByRole('link', { name: 'My work' }).click();
    await hoa.page.getByRole('alert').filter({ hasText: 'Your session has ended: sign in again.' }).waitFor();
    await signIn(hoa.page, 'hoa', next);
    await hoa.page.locator('.work-me').waitFor();

    // Disabled: signed out at once and refused at sign-in; enabled again: back in.
    await row('hoa').getByRole('button', { name: 'Disable hoa' }).click();
    await admin.page
      .getByRole('dialog', { name: 'Disable hoa?' })
      .getByRole('button', { name: 'Disable' })
      .click();
    await row('hoa').locator('.user-status', { hasText: 'Disabled' }).waitFor();
    const login = () =>
      server.api('POST', '/api/auth/login', { user: 'hoa', password: next }).then((r) => r.status);
    expect(await login()).toBe(401);
    await row('hoa').getByRole('button', { name: 'Enable hoa' }).click();
    await row('hoa').locator('.user-status', { hasText: 'Active' }).waitFor();
    expect(await login()).toBe(200);

    // 401s: the signed-out page asking who is there and the ended session; the 400: the taken id.
    expect(admin.errors.filter((e) => !/status of 400/.test(e))).toEqual([]);
    expect(hoa.errors.filter((e) => !/status of 401/.test(e))).toEqual([]);
  });

  it('lets a user change their own password from the header, with the errors on the fields', async () => {
    const me = await openPage(browser, 'vi');
    await me.page.goto(`${server.url}/`);
    await signIn(me.page, 'lan', lanPassword);
    await me.page.locator('.board').waitFor();
    await me.page.getByRole('button', { name: 'Đổi mật khẩu' }).click();
    const dialog = me.page.getByRole('dialog', { name: 'Đổi mật khẩu của bạn' });
    await dialog.waitFor();
    expect(await me.page.evaluate('document.activeElement?.id')).toBe('current-password');
    await dialog.locator('#current-password').fill('không phải mật khẩu');
    await dialog.locator('#own-new-password').fill('matkhau123');
    await dialog.locator('#own-new-password').press('Enter');
    // The server's answers, in Vietnamese, on the field they are about: first the current password…
    await dialog.locator('#current-password-error', { hasText: 'Mật khẩu hiện tại không đúng.' }).waitFor();
    await workspaceScreenshot(me.page, 'own-password-errors-vi');
    await dialog.locator('#current-password').fill(lanPassword);
    await dialog.getByRole('button', { name: 'Đổi mật khẩu' }).click();
    // …then the new one.
    await dialog.locator('#own-new-password-error', { hasText: 'Đây là một trong những mật khẩu phổ biến nhất' }).waitFor();
    await dialog.locator('#own-new-password').fill('một cụm mật khẩu mới');
    await dialog.getByRole('button', { name: 'Đổi mật khẩu' }).click();
    await dialog.waitFor({ state: 'detached' });
    await me.page.locator('.toast', { hasText: 'Đã đổi mật khẩu của bạn.' }).waitFor();
    // Still signed in here; the new password is the one that opens a session now.
    await me.page.getByRole('link', { name: 'Việc của tôi' }).click();
    await me.page.locator('.work-me').waitFor();
    const login = (password: string) => server.api('POST', '/api/auth/login', { user: 'lan', password }).then((r) => r.status);
    expect(await login(lanPassword)).toBe(401);
    expect(await login('một cụm mật khẩu mới')).toBe(200);
    lanPassword = 'một cụm mật khẩu mới';
    await switchLanguage(me.page, 'en');
    await me.page.getByRole('button', { name: 'Change password' }).click();
    await me.page.getByRole('dialog', { name: 'Change your password' }).waitFor();
    await workspaceScreenshot(me.page, 'own-password-en');
    // The 400s: the refused passwords; the 401: asking who is there before signing in.
    expect(me.errors.filter((e) => !/status of (400|401)/.test(e))).toEqual([]);
    await me.page.context().close();
  });
});
