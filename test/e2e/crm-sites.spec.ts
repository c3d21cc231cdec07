// CRM sites a user adds (Options → CRM sites), end to end in Debian Chromium:
// a Salesforce org at an address of its own shows no sidebar until the site is
// added; once added, its deal page shows the deal (in a tab already open too,
// without a reload); once removed, nothing again.
//
// Adding a site asks the browser for access to it. Playwright cannot answer the
// browser's permission prompt (microsoft/playwright#32755), so this test loads
// a copy of the build whose manifest already holds that one site's access — the
// state a person's "Allow" leaves — and `permissions.request` answers "granted"
// without a prompt, as the browser does for access already held. Everything
// else (the request itself, the background's check, the content-script
// registration, the reader choosing the CRM) is the build under test.
import { expect, test, type Page } from '@playwright/test';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { dealsideRanIn } from '../support/dealside-world.mjs';
import { ACME_NAME, ROOT, buildWithHostAccess, launch, sidebarShowing, sidebarVisible, type App } from './harness';

const SITE = 'https://sales.acme-corp.com';
const DEAL = `${SITE}/lightning/r/Opportunity/0065g00000AcmeQAAS/view`;

let build: Awaited<ReturnType<typeof buildWithHostAccess>>;
let app: App;

test.beforeEach(async () => {
  build = await buildWithHostAccess([SITE]);
  app = await launch([], { extensionDir: build.dir });
  const body = await readFile(join(ROOT, 'test/fixtures/crm/salesforce-lightning-opportunity.html'), 'utf8');
  await app.context.route(`${SITE}/lightning/**`, (route) => route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body }));
});

test.afterEach(async () => {
  await app.close();
  await build.remove();
});

/**
 * Whether Dealside ran in the page at all (its content script's isolated world), or put anything
 * on it (its host element, or a frame of its own). A content script runs by the page's load and
 * idle at the latest; the wait covers the idle.
 */
async function dealsideOnPage(page: Page): Promise<boolean> {
  await page.waitForLoadState('load');
  await page.waitForTimeout(1000);
  const host = await page.evaluate(() => !!document.querySelector('dealside-sidebar'));
  return (await dealsideRanIn(app.context, page)) || host || page.frames().some((f) => f.url().startsWith('chrome-extension://'));
}

/** The content scripts the background registered for added sites. */
const registeredScripts = () =>
  app.context.serviceWorkers()[0]!.evaluate(async () => {
    type Scripting = { getRegisteredContentScripts(): Promise<{ matches?: string[] }[]> };
    const { scripting } = (globalThis as unknown as { chrome: { scripting: Scripting } }).chrome;
    return (await scripting.getRegisteredContentScripts()).map((s) => s.matches);
  });

test('a CRM at its own address: no sidebar until added in Options, the deal once added, nothing once removed', async () => {
  await app.setUser();
  // a tab already open on the site when it is added (and still open when it is removed)
  const open = await app.open(DEAL);
  expect(await dealsideOnPage(open)).toBe(false);
  expect(await registeredScripts()).toEqual([]);

  const options = await app.context.newPage();
  await options.goto(`chrome-extension://${app.extensionId}/options.html`);
  const sites = options.getByRole('region', { name: 'CRM sites' });
  await expect(sites.getByText('No sites added.')).toBeVisible();

  // a built-in CRM host is refused with a reason, and nothing is listed
  await sites.getByLabel('Site address').fill('acme.lightning.force.com');
  await sites.getByRole('button', { name: 'Add site' }).click();
  await expect(sites.getByRole('alert')).toContainText('already works on acme.lightning.force.com');
  await expect(sites.getByRole('list', { name: 'Added CRM sites' })).toHaveCount(0);

  // typed as people copy it: a whole address, path and all
  await sites.getByLabel('Site address').fill(`${SITE}/lightning/page/home`);
  await sites.getByLabel('The CRM it runs').selectOption({ label: 'Salesforce' });
  await sites.getByRole('button', { name: 'Add site' }).click();
  await expect(sites.getByRole('status')).toContainText('Added sales.acme-corp.com (Salesforce)');
  await expect(sites.getByRole('list', { name: 'Added CRM sites' })).toContainText('sales.acme-corp.com — Salesforce');
  // the same site typed again (as to change its CRM), by keyboard: the keyboard stays in the form,
  // never on "Remove" (where a second Enter would remove the site)
  await sites.getByLabel('Site address').fill(SITE);
  await sites.getByLabel('Site address').press('Enter');
  await expect(sites.getByLabel('Site address')).toHaveValue('');
  await options.waitForTimeout(300); // the row's focus move, were it made, comes a task later
  await expect(sites.getByRole('button', { name: 'Remove sales.acme-corp.com' })).not.toBeFocused();
  await expect(sites.getByLabel('Site address')).toBeFocused();
  await expect(sites.getByRole('list', { name: 'Added CRM sites' })).toContainText('sales.acme-corp.com — Salesforce');
  await expect.poll(registeredScripts).toEqual([[`${SITE}/*`]]);

  // the tab that was already open shows the deal without a reload …
  const asideInOpenTab = await sidebarShowing(open, app.extensionId, ACME_NAME);
  await expect(asideInOpenTab.getByText('Negotiation/Review')).toBeVisible();
  expect(await dealsideRanIn(app.context, open)).toBe(true); // what the checks of "nothing" look for, now there
  // … and so does a tab opened now
  const page = await app.open(DEAL);
  const aside = await sidebarShowing(page, app.extensionId, ACME_NAME);
  await expect(aside.getByText('Negotiation/Review')).toBeVisible();
  await page.close();

  await sites.getByRole('button', { name: 'Remove sales.acme-corp.com' }).click();
  await expect(sites.getByRole('status')).toContainText('Removed sales.acme-corp.com');
  await expect(sites.getByText('No sites added.')).toBeVisible();
  await expect(sites.getByRole('textbox', { name: 'Site address' })).toBeFocused(); // not dropped with the removed row
  // the open tab loses the sidebar without a reload (and the CRM gets its width back) …
  await expect.poll(() => sidebarVisible(open, app.extensionId)).toBe(false);
  expect(await open.evaluate(() => getComputedStyle(document.documentElement).marginRight)).toBe('0px');
  // … and a tab opened now shows nothing: no script registered, none run
  await expect.poll(registeredScripts).toEqual([]);
  const after = await app.open(DEAL);
  expect(await dealsideOnPage(after)).toBe(false);
});
