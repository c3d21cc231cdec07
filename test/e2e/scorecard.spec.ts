import { expect, test, type Locator, type Page } from '@playwright/test';
import { readFile } from 'node:fs/promises';
import { GLOBEX_NAME, ACME_NAME, ACME, GLOBEX, editCrmField, launch, sidebarFrame, sidebarShowing, usDateFromToday, type App } from './harness';
import { openPanel, routePage } from './call-review.support';
import { routeMedia } from '../fixtures/calls/serve-media.mjs';

const GONG_URL = 'https://app.gong.io/call?id=7782342274025937895';

/** Score and complete a review of the Gong fixture call for `rep`, as a manager would on the recording page. */
async function completeCallReview(app: App, rep: string) {
  await routeMedia(app.context);
  await routePage(app.context, 'https://app.gong.io/**', 'test/fixtures/calls/gong-call.html');
  const page = await app.open(GONG_URL);
  const frame = await openPanel(page);
  const region = frame.getByRole('region', { name: 'Call review' });
  await region.getByRole('combobox', { name: 'Rep' }).fill(rep);
  await region.getByRole('radiogroup', { name: 'Discovery' }).getByRole('radio', { name: '3' }).check();
  await region.getByRole('radiogroup', { name: 'Next step' }).getByRole('radio', { name: '2' }).check();
  await region.getByRole('radiogroup', { name: 'Qualification' }).getByRole('radio', { name: '2' }).check();
  await region.getByRole('button', { name: 'Complete review' }).click();
  await expect(region.getByRole('status').filter({ hasText: 'Review completed.' })).toBeVisible();
  await page.close();
}

let app: App;
test.beforeEach(async () => {
  app = await launch();
});
test.afterEach(async () => {
  await app.close();
});

/** In the sidebar: a commitment due today, resolved at once as Kept or Missed. */
async function commitAndResolve(aside: Locator, text: string, outcome: 'Kept' | 'Missed', note: string) {
  await aside.getByRole('textbox', { name: 'Commitment' }).fill(text);
  await aside.getByRole('textbox', { name: 'Due' }).fill('today');
  await expect(aside.getByText(/^→ /)).toBeVisible();
  await aside.getByRole('button', { name: 'Save commitment' }).click();
  await expect(aside.getByText('What happened?')).toBeVisible();
  await aside.getByLabel('Outcome note').fill(note);
  await aside.getByRole('button', { name: outcome }).click();
  // this commitment's own entry (earlier ones may carry the same outcome): the write is done
  const entry = aside.getByRole('list', { name: 'Commitment history' }).getByRole('listitem').filter({ hasText: text });
  await expect(entry).toContainText(outcome);
  await expect(aside.getByText('What happened?')).toHaveCount(0);
}

async function score(aside: Locator, group: 'Discovery' | 'Next step' | 'Qualification', value: string) {
  const radio = aside.getByRole('radiogroup', { name: group }).getByRole('radio', { name: value });
  await radio.check();
  await expect(radio).toBeChecked();
}

async function addNote(aside: Locator, text: string) {
  await aside.getByRole('textbox', { name: 'Coaching note' }).fill(text);
  await aside.getByRole('button', { name: 'Add note' }).click();
  await expect(aside.getByRole('list', { name: 'Notes' })).toContainText(text);
}

function repRow(popup: Page, name: string) {
  return popup.getByRole('table', { name: 'Weekly scorecard' }).getByRole('row').filter({ has: popup.getByRole('button', { name: `${name}: open 1:1 view` }) });
}

test('data entered in the sidebar on two deals with different owners appears in the popup scorecard', async () => {
  await app.setUser();

  // Dana Reyes (Acme): kept her word, scored well, a dated next step from the CRM.
  const acme = await app.open(ACME);
  const danaAside = await sidebarShowing(acme, app.extensionId, ACME_NAME);
  // She dates the next step in the CRM (inline edit): ahead of today whenever this runs.
  const nextStep = `Send mutual action plan draft by ${usDateFromToday(21)}`;
  await editCrmField(acme, 'NextStep', nextStep);
  await expect(danaAside.getByTestId('next-step-text')).toHaveText(nextStep);
  await commitAndResolve(danaAside, 'a signed mutual action plan with Acme', 'Kept', 'Signed Tuesday');
  await score(danaAside, 'Discovery', '4');
  await addNote(danaAside, 'Acme: ask who signs');

  // Sam Ortiz (Globex): missed, low qualification, no next step on the deal.
  const globex = await app.open(GLOBEX);
  const samAside = await sidebarShowing(globex, app.extensionId, GLOBEX_NAME);
  await commitAndResolve(samAside, 'the security questionnaire back to Globex', 'Missed', 'Waiting on IT');
  await score(samAside, 'Qualification', '2');

  // …and a call of Sam's reviewed on its recording page.
  await completeCallReview(app, 'Sam Ortiz');

  const popup = await app.context.newPage();
  await popup.goto(`chrome-extension://${app.extensionId}/popup.html`);
  const table = popup.getByRole('table', { name: 'Weekly scorecard' });
  await expect(table).toBeVisible();

  // Exceptions first: Sam needs attention, with reasons in plain words.
  const sam = repRow(popup, 'Sam Ortiz');
  await expect(sam).toBeVisible();
  const reasons = sam.getByRole('list', { name: 'Why Sam Ortiz needs attention' });
  await expect(reasons).toContainText('1 commitment missed');
  await expect(reasons).toContainText('say/do: 0 of 1 kept over 4 weeks');
  await expect(reasons).toContainText('no next step dated ahead on 1 of 1 deal');
  await expect(reasons).toContainText('qualification averaged 2.0');
  await expect(sam).toContainText('1 missed');
  await expect(sam).toContainText('0 of 1 (0%)');
  // the completed call review counts for Sam (target one), none for Dana
  await expect(sam.getByRole('cell', { name: '1 of 1', exact: true })).toBeVisible();

  // Dana is on track: folded under the disclosure, one click away.
  const fold = popup.getByRole('button', { name: 'On track (1)' });
  await expect(fold).toHaveAttribute('aria-expanded', 'false');
  await expect(repRow(popup, 'Dana Reyes')).toHaveCount(0);
  await fold.click();
  await expect(fold).toHaveAttribute('aria-expanded', 'true');
  const dana = repRow(popup, 'Dana Reyes');
  await expect(dana).toContainText('1 kept');
  await expect(dana).toContainText('1 of 1 (100%)');
  await expect(dana.getByRole('cell', { name: '0 of 1', exact: true })).toBeVisible();
  await expect(dana).toContainText('100% dated ahead');
  await expect(dana.getByRole('img', { name: /^Discovery by week, oldest first: .*4\.0$/ })).toBeVisible();
  // exactly one row per rep (plus the header and the disclosure rows)
  await expect(table.getByRole('button', { name: /open 1:1 view$/ })).toHaveCount(2);

  // The 1:1 view: results → pipeline → activity, linked to the deal in the CRM.
  await popup.getByRole('button', { name: 'Sam Ortiz: open 1:1 view' }).click();
  await expect(popup.getByRole('heading', { name: '1:1 with Sam Ortiz' })).toBeFocused();
  const ask = popup.getByRole('list', { name: 'Commitments to ask about' });
  await expect(ask).toContainText(/You committed to the security questionnaire back to Globex by .+\. What happened\?/);
  await expect(ask.getByRole('link', { name: GLOBEX_NAME })).toHaveAttribute('href', GLOBEX);
  await expect(popup.getByRole('list', { name: 'Deals with next-step problems' })).toContainText('No next step');
  await expect(popup.getByRole('list', { name: 'Recent scores' })).toContainText('Qualification 2');
  // back in the table, the keyboard is on the rep just left, and the fold is as it was
  await popup.keyboard.press('Escape');
  await expect(popup.getByRole('button', { name: 'Sam Ortiz: open 1:1 view' })).toBeFocused();
  await expect(popup.getByRole('button', { name: 'On track (1)' })).toHaveAttribute('aria-expanded', 'true');
  await popup.getByRole('button', { name: 'Dana Reyes: open 1:1 view' }).click();
  const resolved = popup.getByRole('list', { name: 'Resolved commitments' });
  await expect(resolved).toContainText('a signed mutual action plan with Acme');
  await expect(resolved.getByRole('link', { name: ACME_NAME })).toHaveAttribute('href', ACME);
  await expect(popup.getByRole('list', { name: 'Recent notes' })).toContainText('Acme: ask who signs');
  await popup.getByRole('button', { name: '← Back to scorecard' }).click();
  await expect(popup.getByRole('button', { name: 'Dana Reyes: open 1:1 view' })).toBeFocused();

  // Sharing: the week as CSV.
  const [download] = await Promise.all([popup.waitForEvent('download'), popup.getByRole('button', { name: 'Export CSV' }).click()]);
  expect(download.suggestedFilename()).toMatch(/^dealside-scorecard-\d{4}-\d{2}-\d{2}\.csv$/);
  const csv = await readFile((await download.path())!, 'utf8');
  const lines = csv.trim().split(/\r?\n/);
  expect(lines[0]).toMatch(/^Rep,Needs attention,Reasons,/);
  expect(lines[1]).toMatch(/^Sam Ortiz,yes,/);
  expect(lines[2]).toMatch(/^Dana Reyes,no,/);

  // Weeks: the previous week holds none of this; arrow keys and "This week" come back.
  await popup.getByRole('button', { name: 'Previous week', exact: true }).click();
  await expect(popup.getByRole('button', { name: 'This week' })).toBeEnabled();
  await expect(repRow(popup, 'Sam Ortiz')).not.toContainText('1 missed');
  await popup.getByRole('button', { name: 'This week' }).click();
  await expect(popup.getByRole('button', { name: 'This week' })).toBeDisabled();
  await expect(popup.getByRole('button', { name: 'This week' })).toBeFocused(); // not dropped to the body
  await expect(repRow(popup, 'Sam Ortiz')).toContainText('1 missed');
  await popup.keyboard.press('ArrowLeft');
  await expect(popup.getByRole('button', { name: 'This week' })).toBeEnabled();
  await popup.keyboard.press('ArrowRight');
  await expect(popup.getByRole('button', { name: 'This week' })).toBeDisabled();
  // two weeks back, then Home: this week again (no letter key: a stray T typed near the popup does nothing)
  await popup.keyboard.press('ArrowLeft');
  await popup.keyboard.press('ArrowLeft');
  await expect(popup.getByRole('button', { name: 'This week' })).toBeEnabled();
  await popup.keyboard.press('t');
  await expect(popup.getByRole('button', { name: 'This week' })).toBeEnabled();
  await popup.keyboard.press('Home');
  await expect(popup.getByRole('button', { name: 'This week' })).toBeDisabled();
  await expect(popup.locator('.week-label')).toContainText('(this week)');
  // ← then → at once, before the week before has loaded: back on this week (not a week ahead of it)
  await expect(popup.getByRole('main')).toHaveAttribute('aria-busy', 'false');
  await popup.keyboard.press('ArrowLeft');
  await popup.keyboard.press('ArrowRight');
  await expect(popup.getByRole('main')).toHaveAttribute('aria-busy', 'false');
  await expect(popup.locator('.week-label')).toContainText('(this week)');
  await expect(popup.getByRole('button', { name: 'This week' })).toBeDisabled();
});

test('a new user sees how data arrives, never a blank popup', async () => {
  await app.setUser();
  const popup = await app.context.newPage();
  await popup.goto(`chrome-extension://${app.extensionId}/popup.html`);
  await expect(popup.getByRole('heading', { name: 'No reps yet' })).toBeVisible();
  await expect(popup.getByText(/Open a deal in Salesforce or HubSpot/)).toBeVisible();
  await expect(popup.getByRole('button', { name: 'Review this call' })).toBeVisible();
});

/** How the popup's first table was drawn: from the card the background kept, or from a fresh answer. */
async function firstDrawnFromKeptCard(popup: Page): Promise<boolean> {
  return popup.evaluate(() => (performance.getEntriesByName('dealside:scorecard-rendered')[0] as PerformanceMark).detail.kept === true);
}

test('a popup opened after the worker stopped shows the kept card at once, and never one a write has changed', async () => {
  await app.setUser();
  const globex = await app.open(GLOBEX);
  const aside = await sidebarShowing(globex, app.extensionId, GLOBEX_NAME);
  const cdp = await app.context.newCDPSession(globex);
  await cdp.send('ServiceWorker.enable');
  /** Stop the worker, open the popup: Sam's row must say `missed`, first drawn from the kept card or not. */
  const popupAfterWorkerStops = async (missed: string, drawnFromKeptCard: boolean) => {
    await cdp.send('ServiceWorker.stopAllWorkers');
    // (a write's card is made again 2 s after writes settle: the worker must be stopped before that)
    expect(await keptCardCurrent(), 'a card made since the last write is kept').toBe(drawnFromKeptCard);
    const popup = await app.context.newPage();
    await popup.goto(`chrome-extension://${app.extensionId}/popup.html`);
    await expect(repRow(popup, 'Sam Ortiz')).toContainText(missed);
    expect(await firstDrawnFromKeptCard(popup)).toBe(drawnFromKeptCard);
    await popup.close();
  };

  /** The background has kept a card made since the last write (session storage, read by the sidebar's extension frame). */
  const keptCardCurrent = async () =>
    (await sidebarFrame(globex, app.extensionId)).evaluate(async () => {
      type Session = { get(keys: string[]): Promise<Record<string, unknown>> };
      const session = (globalThis as unknown as { chrome: { storage: { session: Session } } }).chrome.storage.session;
      const s = await session.get(['dealside:thisWeek', 'dealside:generation']);
      const now = s['dealside:generation'];
      return typeof now === 'string' && (s['dealside:thisWeek'] as { generation?: string } | undefined)?.generation === now;
    });

  // A write, and the worker stopped at once (before it could make the card again):
  // nothing current is kept, so the popup waits for the fresh answer.
  await commitAndResolve(aside, 'the security questionnaire back to Globex', 'Missed', 'Waiting on IT');
  await popupAfterWorkerStops('1 missed', false);

  // No write since that answer: the next open draws the kept card before the stopped worker answers.
  await popupAfterWorkerStops('1 missed', true);

  // Another write, the worker stopped at once: the kept card is no longer current.
  await commitAndResolve(aside, 'pricing approval from Globex finance', 'Missed', 'CFO out');
  await popupAfterWorkerStops('2 missed', false);

  // A write, then time for the background to make the card again once writes settle (2 s):
  // kept, current, drawn at once after the worker stops.
  await commitAndResolve(aside, 'a reference call for Globex', 'Missed', 'No reference free');
  await expect.poll(keptCardCurrent, { timeout: 10_000 }).toBe(true);
  await popupAfterWorkerStops('3 missed', true);
});

test('a kept card that cannot be drawn (odd stored data) never blanks the popup: the fresh table shows', async () => {
  await app.setUser();
  const globex = await app.open(GLOBEX);
  const aside = await sidebarShowing(globex, app.extensionId, GLOBEX_NAME);
  await commitAndResolve(aside, 'the security questionnaire back to Globex', 'Missed', 'Waiting on IT');
  let popup = await app.context.newPage();
  await popup.goto(`chrome-extension://${app.extensionId}/popup.html`);
  await expect(repRow(popup, 'Sam Ortiz')).toContainText('1 missed');
  // the kept card, still current, with rows of the wrong shape
  await popup.evaluate(async () => {
    type Session = { get(key: string): Promise<Record<string, { week: { card: { rows: object[] } } }>>; set(items: object): Promise<void> };
    const session = (globalThis as unknown as { chrome: { storage: { session: Session } } }).chrome.storage.session;
    const key = 'dealside:thisWeek';
    const kept = (await session.get(key))[key]!;
    kept.week.card.rows = kept.week.card.rows.map((row) => ({ ...row, rep: null }));
    await session.set({ [key]: kept });
  });
  await popup.close();
  popup = await app.context.newPage();
  await popup.goto(`chrome-extension://${app.extensionId}/popup.html`);
  await expect(repRow(popup, 'Sam Ortiz')).toContainText('1 missed');
  await expect(popup.getByRole('alert')).toHaveCount(0);
});
