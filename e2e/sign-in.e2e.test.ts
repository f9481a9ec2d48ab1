/**
 * Accounts in the browser: the first-start link signs the newcomer in, they set a password, sign out, are
 * refused with a wrong password, sign in with the right one, see their name instead of "Acting as", and the
 * admin creates a user on the Users page. Everything under the server's Content-Security-Policy.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeWithChromium } from '../test/support/environment.ts';
import { openUiSession, type UiSession, unexpectedConsoleErrors } from './support/ui-session.ts';

process.env.EVLAB_SCRYPT_LOG2N = '14';

describeWithChromium('sign-in flow in Chromium', () => {
  let session: UiSession;
  beforeAll(async () => {
    session = await openUiSession('sign-in');
  }, 180_000);
  afterAll(async () => {
    await session?.close();
  });

  it('newcomer link → set password → sign out → wrong password refused → sign in → Users page', async () => {
    const { page } = session;
    // The link landed on the account page asking for a password.
    await page.getByRole('heading', { name: 'Account' }).waitFor();
    expect(page.url()).toContain('/account?welcome=1');
    const csp = (await page.request.get(`${session.server.url}/`)).headers()['content-security-policy'];
    expect(csp).toContain("script-src 'self'");
    await page.getByLabel('New password (at least 12 characters)').fill('a very good password');
    await page.getByRole('button', { name: 'Save password' }).click();
    await page.getByText('Password changed.').waitFor();

    // Header shows the signed-in user; the free-text "Acting as" box is gone.
    await expect.poll(() => page.locator('.userbox').textContent()).toContain('Administrator');
    expect(await page.getByText('Acting as').count()).toBe(0);

    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('heading', { name: 'Sign in to evlab' }).waitFor();
    await page.getByLabel('User name').fill('admin');
    await page.getByLabel('Password').fill('not the password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('alert').filter({ hasText: 'Wrong user name or password' }).waitFor();
    await page.getByLabel('Password').fill('a very good password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('button', { name: 'Sign out' }).waitFor();

    // The dashboard works under the CSP (plots included).
    await page.goto(`${session.server.url}/`);
    await page.getByRole('heading', { name: 'Dashboard' }).waitFor();
    await page.getByTestId('status-chips').waitFor();

    await page.getByRole('link', { name: 'Users' }).click();
    await page.getByRole('heading', { name: 'Users' }).waitFor();
    const form = page.getByRole('form', { name: 'New user' });
    await form.getByLabel('User name').fill('lab-analyst');
    await form.getByRole('button', { name: 'Create user' }).click();
    await page.getByRole('table', { name: 'Users' }).locator('strong', { hasText: 'lab-analyst' }).waitFor();
    const created = await session.server.workbench.store.accounts.getUserByName('lab-analyst');
    expect(created).toMatchObject({ role: 'analyst', hasPassword: false });

    expect(unexpectedConsoleErrors(session.consoleErrors)).toEqual([]);
  }, 120_000);
});
