import { expect, test } from '@playwright/test';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { withNoiseInRecordPage } from '../support/large-record.mjs';
import { GLOBEX_NAME, ACME_NAME, ACME, DYNAMICS, GLOBEX, LIST, ROOT, dynamicExtensionId, editCrmField, editCrmRecord, launch, pageSeesFocusIn, sidebarFrame, sidebarShowing, sidebarVisible, usDateFromToday, type App } from './harness';
import { withoutToken } from '../support/frames.mjs';
import { dealsideWorld } from '../support/dealside-world.mjs';

/** The Acme fixture's own next step (Lightning). */
const ACME_NEXT_STEP = 'Send mutual action plan draft by 12/15/2026';

let app: App;
test.beforeEach(async () => {
  app = await launch();
});
test.afterEach(async () => {
  await app.close();
});

/** Follow one of the CRM's own in-app links (SPA navigation, no page load). */
async function navigate(page: import('@playwright/test').Page, hrefPart: string) {
  await page.locator(`a[data-nav][href*="${hrefPart}"]`).first().click();
}

test('first run asks who you are, then shows the deal as read from the page', async () => {
  const page = await app.open(ACME);
  const frame = await sidebarFrame(page, app.extensionId);
  const aside = frame.getByRole('complementary', { name: 'Dealside' });
  await expect(aside.getByRole('heading', { name: 'Welcome to Dealside' })).toBeVisible();
  await aside.getByLabel('Your name').fill('Morgan Lead');
  await aside.getByRole('button', { name: 'Save' }).click();
  await expect(aside.getByRole('heading', { name: ACME_NAME, level: 1 })).toBeVisible();
  await expect(aside).toBeFocused(); // the welcome form went with the button pressed: focus stays in the sidebar
  await expect(aside.getByLabel('Amount')).toHaveText('$120,000.00');
  await expect(aside.getByLabel('Stage')).toHaveText('Negotiation/Review');
  await expect(aside.getByLabel('Close date')).toHaveText('12/31/2026');
  await expect(aside.getByLabel('Owner')).toHaveText('Dana Reyes');
  await expect(aside.getByText('Send mutual action plan draft by 12/15/2026')).toBeVisible();
});

test('a rep records their own promise: in their words, asked as "You", with no one else to ask', async () => {
  await app.setUser({ name: 'Dana Reyes', role: 'rep' });
  const page = await app.open(ACME);
  const aside = await sidebarShowing(page, app.extensionId, ACME_NAME);
  await expect(aside.getByRole('textbox', { name: 'Commitment' })).toHaveAttribute('placeholder', /^In your words: /);
  await aside.getByRole('textbox', { name: 'Commitment' }).fill('pricing sign-off from the CFO');
  await aside.getByRole('textbox', { name: 'Due' }).fill('today');
  await aside.getByRole('button', { name: 'Save commitment' }).click();
  await expect(aside.getByText(/You committed to pricing sign-off from the CFO by /)).toBeVisible();
  await expect(aside.getByText(/^Stated by Dana Reyes, /)).toBeVisible();
  await expect(aside.getByText(/in your 1:1/)).toHaveCount(0);
});

test('a commitment survives a reload, is resolved as Missed with a note, and history keeps both', async () => {
  await app.setUser();
  const page = await app.open(ACME);
  let aside = await sidebarShowing(page, app.extensionId, ACME_NAME);
  await aside.getByRole('textbox', { name: 'Commitment' }).fill('a signed mutual action plan with Acme');
  // a date already past is said plainly (a mistyped year would make the promise due at once)
  await aside.getByRole('textbox', { name: 'Due' }).fill('1/5/2020');
  await expect(aside.getByText(/^→ .*2020: already past, so it will ask what happened as soon as it is saved$/)).toBeVisible();
  await aside.getByRole('textbox', { name: 'Due' }).fill('today');
  await expect(aside.getByText(/^→ [^:]*$/)).toBeVisible(); // the date is shown back before saving
  await aside.getByRole('button', { name: 'Save commitment' }).click();
  await expect(aside.getByText(/You committed to a signed mutual action plan with Acme by /)).toBeVisible();
  // said, and the keyboard kept in the section (the emptied form's button is disabled)
  await expect(aside.getByText(/^Saved: a signed mutual action plan with Acme — by /)).toBeVisible();
  await expect(aside.getByRole('heading', { name: 'Commitment', level: 2 })).toBeFocused();
  await expect(aside.getByText('What happened?')).toBeVisible();

  await page.reload();
  aside = await sidebarShowing(page, app.extensionId, ACME_NAME);
  await expect(aside.getByText(/You committed to a signed mutual action plan with Acme by /)).toBeVisible();
  // the manager (Morgan Lead) is told whom the question is for: "You" is the rep
  await expect(aside.getByText('Ask Dana Reyes in your 1:1:')).toBeVisible();
  await aside.getByLabel('Outcome note').fill('Legal review slipped; MAP goes out Monday');
  await aside.getByRole('button', { name: 'Missed' }).click();

  const history = aside.getByRole('list', { name: 'Commitment history' });
  await expect(history).toContainText('Missed');
  await expect(history).toContainText('a signed mutual action plan with Acme');
  await expect(history).toContainText('What happened: Legal review slipped; MAP goes out Monday');
  await expect(history).toContainText('Stated by Dana Reyes (recorded by Morgan Lead)');
  await expect(history).toContainText('Marked missed by Morgan Lead');
  await expect(aside.getByText('What happened?')).toHaveCount(0);
  await page.reload();
  aside = await sidebarShowing(page, app.extensionId, ACME_NAME);
  await expect(aside.getByRole('list', { name: 'Commitment history' })).toContainText('Legal review slipped');
});

test('a promise not yet due is kept early; a due one is dropped with its reason; missed waits for the date', async () => {
  await app.setUser();
  const page = await app.open(ACME);
  const aside = await sidebarShowing(page, app.extensionId, ACME_NAME);
  const commit = async (text: string, due: string) => {
    await aside.getByRole('textbox', { name: 'Commitment' }).fill(text);
    await aside.getByRole('textbox', { name: 'Due' }).fill(due);
    await expect(aside.getByText(/^→ /)).toBeVisible();
    await aside.getByRole('button', { name: 'Save commitment' }).click();
    await expect(aside.getByRole('textbox', { name: 'Commitment' })).toHaveValue('');
  };
  await commit('the signed order form from Acme', usDateFromToday(9));
  await commit('a pilot kickoff with Acme IT', 'today');

  // not yet due: no 1:1 question, and settled only on purpose
  await expect(aside.getByText(/You committed to the signed order form/)).toHaveCount(0);
  await aside.getByRole('button', { name: 'Update: the signed order form from Acme' }).click();
  const update = aside.getByRole('group', { name: 'Update: the signed order form from Acme' });
  await expect(update.getByRole('button', { name: 'Missed' })).toHaveCount(0);
  await update.getByLabel('Outcome note').fill('Signed a week early');
  await update.getByRole('button', { name: 'Kept' }).press('Enter');
  // the promise leaves the list with the button pressed: said aloud, and focus kept in the section
  await expect(aside.getByRole('status').filter({ hasText: 'Marked kept: the signed order form from Acme' })).toBeVisible();
  await expect(aside.getByRole('heading', { name: 'Commitment', level: 2 })).toBeFocused();

  const due = aside.getByRole('group', { name: /You committed to a pilot kickoff with Acme IT/ });
  await due.getByRole('button', { name: 'Drop' }).click();
  await expect(due.getByRole('button', { name: 'Drop commitment' })).toBeDisabled(); // a drop says why
  await due.getByLabel('Why is it dropped?').fill('Acme IT runs the pilot themselves');
  await due.getByRole('button', { name: 'Drop commitment' }).click();
  await expect(aside.getByRole('status').filter({ hasText: 'Dropped: a pilot kickoff with Acme IT' })).toBeVisible();

  const history = aside.getByRole('list', { name: 'Commitment history' });
  await expect(history.getByRole('listitem')).toHaveCount(2);
  await expect(history.getByRole('listitem').filter({ hasText: 'the signed order form' })).toContainText('Kept');
  await expect(history.getByRole('listitem').filter({ hasText: 'the signed order form' })).toContainText('What happened: Signed a week early');
  const dropped = history.getByRole('listitem').filter({ hasText: 'a pilot kickoff' });
  await expect(dropped).toContainText('Dropped');
  await expect(dropped).toContainText('Reason: Acme IT runs the pilot themselves');
  await expect(dropped).toContainText('Dropped by Morgan Lead');
  await expect(aside.getByText('What happened?')).toHaveCount(0);
});

test('scores persist, with the rubric shown on focus, digits scoring the focused group and arrows only reading the levels', async () => {
  await app.setUser();
  const page = await app.open(ACME);
  let aside = await sidebarShowing(page, app.extensionId, ACME_NAME);
  const discovery = aside.getByRole('radiogroup', { name: 'Discovery' });
  await discovery.getByRole('radio', { name: '4' }).check();
  await expect(discovery.getByRole('radio', { name: '4' })).toBeChecked();
  const qualification = aside.getByRole('radiogroup', { name: 'Qualification' });
  await qualification.getByRole('radio', { name: '1' }).focus();
  await expect(qualification.getByTestId('rubric-text')).toContainText('1');
  await pageSeesFocusIn(page, 'dealside-sidebar');
  await page.keyboard.press('3');
  await expect(qualification.getByRole('radio', { name: '3' })).toBeChecked();
  // arrows read the other levels' rubric without scoring them (every score is kept for good)
  await page.keyboard.press('ArrowRight');
  await expect(qualification.getByRole('radio', { name: '4' })).toBeFocused();
  await expect(qualification.getByTestId('rubric-text')).toContainText(/^4: /);
  await page.keyboard.press('ArrowRight');
  await expect(qualification.getByRole('radio', { name: '5' })).toBeFocused();
  await expect(qualification.getByRole('radio', { name: '3' })).toBeChecked();
  await expect(aside.locator('summary', { hasText: 'Score history' })).toContainText('(2)');
  // Space scores the level in focus
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('Space');
  await expect(qualification.getByRole('radio', { name: '4' })).toBeChecked();
  await expect(aside.locator('summary', { hasText: 'Score history' })).toContainText('(3)');
  // the current level's digit gives that score again (who and when): a new entry, not nothing
  await page.keyboard.press('4');
  await expect(aside.locator('summary', { hasText: 'Score history' })).toContainText('(4)');
  // the pointer crossing the scale reads the level under it; gone, the text is the focused level's
  // again (the one Space would score), not the score's
  await page.keyboard.press('ArrowRight');
  await expect(qualification.getByTestId('rubric-text')).toContainText(/^5: /);
  await qualification.locator('label').first().hover();
  await expect(qualification.getByTestId('rubric-text')).toContainText(/^1: /);
  await qualification.locator('legend').hover(); // off the scale, within the sidebar
  await expect(qualification.getByTestId('rubric-text')).toContainText(/^5: /);
  await expect(qualification.getByRole('radio', { name: '5' })).toBeFocused();

  await page.reload();
  aside = await sidebarShowing(page, app.extensionId, ACME_NAME);
  await expect(aside.getByRole('radiogroup', { name: 'Discovery' }).getByRole('radio', { name: '4' })).toBeChecked();
  await expect(aside.getByRole('radiogroup', { name: 'Qualification' }).getByRole('radio', { name: '4' })).toBeChecked();
  await expect(aside.getByRole('radiogroup', { name: 'Next step' }).getByRole('radio', { checked: true })).toHaveCount(0);
  // who gave each current score, and when, inside its own group (not the next one's)
  await expect(aside.getByRole('radiogroup', { name: 'Qualification' })).toContainText(/Scored 4 by Morgan Lead, \w{3} \d{1,2}, \d{4}/);
  await expect(aside.getByRole('radiogroup', { name: 'Next step' })).not.toContainText('Scored');
});

test('keyboard: the sidebar lists its shortcuts (the toggle as the browser binds it), Ctrl+Enter adds the note being typed, and focus follows each action', async () => {
  await app.setUser();
  const page = await app.open(ACME);
  const aside = await sidebarShowing(page, app.extensionId, ACME_NAME);
  const table = aside.getByRole('table', { name: 'Keyboard shortcuts' });
  await expect(table).toBeHidden(); // folded until asked for
  await aside.locator('summary', { hasText: 'Keyboard shortcuts' }).click();
  await expect(table.getByRole('row', { name: /Show or hide the sidebar/ })).toContainText('Alt+Shift+D');
  await expect(table.getByRole('row', { name: /Score the score group/ })).toContainText('1 – 5');
  await expect(table.getByRole('row', { name: /Add the coaching note/ })).toContainText('Ctrl+Enter');

  const note = aside.getByRole('textbox', { name: 'Coaching note' });
  await note.fill('Ask Dana for the economic buyer by Friday');
  await note.press('Control+Enter');
  await expect(aside.getByRole('list', { name: 'Notes' })).toContainText('Ask Dana for the economic buyer by Friday');
  await expect(note).toHaveValue('');
  await expect(note).toBeFocused(); // ready for the next one, not dropped to the page
  await expect(aside.getByText('Note added.')).toBeVisible();

  // GROW: Ctrl+Enter from any of its boxes, and the next note starts in GROW too
  await aside.getByRole('button', { name: 'GROW' }).click();
  await aside.getByRole('textbox', { name: 'Goal' }).fill('Economic buyer named by Friday');
  await aside.getByRole('textbox', { name: 'Will' }).fill('Dana asks Jordan on Tuesday');
  await aside.getByRole('textbox', { name: 'Will' }).press('Control+Enter');
  await expect(aside.getByRole('list', { name: 'Notes' })).toContainText('Dana asks Jordan on Tuesday');
  await expect(aside.getByRole('textbox', { name: 'Goal' })).toBeFocused();
  await expect(aside.getByRole('textbox', { name: 'Goal' })).toHaveValue('');
  await expect(aside.getByRole('button', { name: 'GROW' })).toHaveAttribute('aria-pressed', 'true');

  // Next step: the form takes the keyboard when opened; Escape gives it back to its button
  await aside.getByRole('button', { name: 'Edit next step' }).click();
  await expect(aside.getByRole('textbox', { name: 'Next step text' })).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(aside.getByRole('textbox', { name: 'Next step text' })).toHaveCount(0);
  await expect(aside.getByRole('button', { name: 'Edit next step' })).toBeFocused();
  await page.keyboard.press('Enter');
  await page.keyboard.press('Enter'); // saves as it was
  await expect(aside.getByRole('button', { name: 'Edit next step' })).toBeFocused();

  // A blank step is not saved: it would erase the one it replaces (and read as if the CRM showed none)
  const stepBefore = await aside.getByTestId('next-step-text').textContent();
  await page.keyboard.press('Enter');
  const stepText = aside.getByRole('textbox', { name: 'Next step text' });
  await stepText.fill('');
  await expect(aside.getByRole('button', { name: 'Save next step' })).toBeDisabled();
  await expect(aside.getByText('Type the new next step (Mark done records that this one happened).')).toBeVisible();
  await stepText.press('Enter');
  await expect(stepText).toBeVisible(); // still open: nothing was sent
  await page.keyboard.press('Escape');
  await expect(aside.getByTestId('next-step-text')).toHaveText(stepBefore!);
});

test('two deals visited by SPA navigation in one tab keep their own data; list pages hide the sidebar', async () => {
  await app.setUser();
  const page = await app.open(ACME);
  let aside = await sidebarShowing(page, app.extensionId, ACME_NAME);
  await aside.getByRole('textbox', { name: 'Coaching note' }).fill('Acme: ask who signs');
  await aside.getByRole('button', { name: 'Add note' }).click();
  await expect(aside.getByRole('list', { name: 'Notes' })).toContainText('Acme: ask who signs');

  await navigate(page, '0065g00000GlobexAA');
  aside = await sidebarShowing(page, app.extensionId, GLOBEX_NAME);
  await expect(aside.getByLabel('Owner')).toHaveText('Sam Ortiz');
  await expect(aside.getByRole('list', { name: 'Notes' })).not.toContainText('Acme: ask who signs');
  await expect(aside.getByTestId('next-step-status')).toHaveText('No next step');
  await aside.getByRole('textbox', { name: 'Coaching note' }).fill('Globex: map the buying group');
  await aside.getByRole('button', { name: 'Add note' }).click();
  await expect(aside.getByRole('list', { name: 'Notes' })).toContainText('Globex: map the buying group');

  await navigate(page, '/lightning/o/Opportunity/list');
  await expect.poll(() => sidebarVisible(page, app.extensionId)).toBe(false);

  await page.goBack(); // back to Globex
  aside = await sidebarShowing(page, app.extensionId, GLOBEX_NAME);
  await expect.poll(() => sidebarVisible(page, app.extensionId)).toBe(true);
  await page.goBack(); // back to Acme
  aside = await sidebarShowing(page, app.extensionId, ACME_NAME);
  const notes = aside.getByRole('list', { name: 'Notes' });
  await expect(notes).toContainText('Acme: ask who signs');
  await expect(notes).not.toContainText('Globex');
});

test('the same opportunity in a sandbox copied from production (same record id) keeps its own notes', async () => {
  // a full-copy sandbox keeps production's record ids; its host names it (`{org}--{sandbox}.sandbox.…`)
  const sandbox = ACME.replace('https://acme.', 'https://acme--uat.sandbox.');
  const body = await readFile(join(ROOT, 'test/fixtures/crm/salesforce-lightning-opportunity.html'), 'utf8');
  await app.context.route(`${new URL(sandbox).origin}/lightning/**`, (route) => route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body }));
  await app.setUser();
  const page = await app.open(ACME);
  let aside = await sidebarShowing(page, app.extensionId, ACME_NAME);
  await aside.getByRole('textbox', { name: 'Coaching note' }).fill('Production: ask who signs');
  await aside.getByRole('button', { name: 'Add note' }).click();
  await expect(aside.getByRole('list', { name: 'Notes' })).toContainText('Production: ask who signs');

  await page.goto(sandbox);
  aside = await sidebarShowing(page, app.extensionId, ACME_NAME);
  await expect(aside.getByRole('list', { name: 'Notes' })).toHaveText('No coaching notes on this deal yet.');
  await aside.getByRole('textbox', { name: 'Coaching note' }).fill('Sandbox: test note');
  await aside.getByRole('button', { name: 'Add note' }).click();
  await expect(aside.getByRole('list', { name: 'Notes' })).toContainText('Sandbox: test note');

  await page.goto(ACME);
  aside = await sidebarShowing(page, app.extensionId, ACME_NAME);
  const notes = aside.getByRole('list', { name: 'Notes' });
  await expect(notes).toContainText('Production: ask who signs');
  await expect(notes).not.toContainText('Sandbox');
});

test("a page still showing the deal left behind under the next deal's address is not read as that deal", async () => {
  await app.setUser();
  const page = await app.open(ACME);
  await sidebarShowing(page, app.extensionId, ACME_NAME);
  // hosts that do not name their record, and Acme's staying on screen for 1.5 s after the address moves to Globex
  await page.evaluate(() => (window as unknown as { __fixture: { leaveSlowly(ms: number): void } }).__fixture.leaveSlowly(1500));
  await navigate(page, '0065g00000GlobexAA');
  const aside = await sidebarShowing(page, app.extensionId, GLOBEX_NAME);
  await expect(aside.getByLabel('Owner')).toHaveText('Sam Ortiz');
  // Acme's next step was never stored as Globex's
  await expect(aside.getByTestId('next-step-status')).toHaveText('No next step');
  await expect(aside.getByText('Send mutual action plan draft by 12/15/2026')).toHaveCount(0);
});

// A list page shows no sidebar at all; the move to a deal afterwards proves Dealside was
// running in the tab all along (its absence on the list is its decision, not a script that never ran).
test('a CRM page that is no deal (a list) shows no sidebar and loads no reader; moving to a deal in the same tab shows the sidebar', async () => {
  await app.setUser();
  const page = await app.open(LIST);
  const inDealside = await dealsideWorld(app.context, page);
  // stage one ran in the tab and decided (at once: the address is a list's) …
  await expect.poll(() => inDealside('typeof globalThis.__dealsideWatching')).toBe('function');
  // … and what it would have started would be under way by now: the reader, or the layout's question
  await page.waitForTimeout(1500);
  expect(await inDealside('[globalThis.__dealsideReader, globalThis.__dealsideEarlyPrefs].map((x) => typeof x)')).toEqual(['undefined', 'undefined']);
  expect(await sidebarVisible(page, app.extensionId)).toBe(false);
  // nothing of Dealside's is framed into a page that is no deal
  expect(page.frames().some((f) => f.url().startsWith('chrome-extension://'))).toBe(false);
  const moved = Date.now();
  await navigate(page, '0065g00000GlobexAA');
  await expect.poll(() => inDealside('typeof globalThis.__dealsideReader')).toBe('object');
  // the control: on a deal the reader loads within the time the list was given
  expect(Date.now() - moved).toBeLessThan(1500);
  await sidebarShowing(page, app.extensionId, GLOBEX_NAME);
});

test('an inline edit in the CRM reaches the sidebar without a reload', async () => {
  await app.setUser();
  const page = await app.open(ACME);
  const aside = await sidebarShowing(page, app.extensionId, ACME_NAME);
  const edited = `Exec sponsor call ${usDateFromToday(56)}`;
  await editCrmField(page, 'NextStep', edited);
  // well inside the watcher's 5 s give-up read: the edit itself must be noticed
  await expect(aside.getByTestId('next-step-text')).toHaveText(edited, { timeout: 2_000 });
  await expect(aside.getByTestId('next-step-status')).toHaveText('Scheduled');
});

test('a next step cleared in the CRM reads "No next step" and says what it was; shown again, it is back as it was', async () => {
  await app.setUser();
  const page = await app.open(ACME);
  const aside = await sidebarShowing(page, app.extensionId, ACME_NAME);
  const text = aside.getByTestId('next-step-text');
  await expect(text).toHaveText(ACME_NEXT_STEP);
  await aside.getByRole('button', { name: 'Mark done' }).click();
  await expect(aside.getByTestId('next-step-status')).toHaveText('Done');
  await editCrmField(page, 'NextStep', '');
  await expect(aside.getByTestId('next-step-status')).toHaveText('No next step', { timeout: 2_000 });
  await expect(text).toBeHidden();
  await expect(aside.getByTestId('next-step-cleared')).toContainText(`Cleared in Salesforce (`);
  await expect(aside.getByTestId('next-step-cleared')).toContainText(`it was “${ACME_NEXT_STEP}”, due Tue, Dec 15, 2026.`);
  await expect(aside.getByRole('button', { name: 'Mark done' })).toBeHidden();
  await expect(aside.getByRole('button', { name: 'Add next step' })).toBeVisible();
  // the field shown blank for a while (an edit in progress), then the same step again: as it was, still done
  await editCrmField(page, 'NextStep', ACME_NEXT_STEP);
  await expect(text).toHaveText(ACME_NEXT_STEP);
  await expect(aside.getByTestId('next-step-status')).toHaveText('Done');
  await expect(aside.getByTestId('next-step-cleared')).toBeHidden();
});

test('a record open for editing in the CRM (every field an input) changes nothing in the sidebar; what is saved arrives', async () => {
  await app.setUser();
  const page = await app.open(ACME);
  const aside = await sidebarShowing(page, app.extensionId, ACME_NAME);
  const text = aside.getByTestId('next-step-text');
  const status = aside.getByTestId('next-step-status');
  await expect(text).toHaveText(ACME_NEXT_STEP);
  await aside.getByRole('button', { name: 'Mark done' }).click();
  await expect(status).toHaveText('Done');
  // everything the sidebar shows from here on, as text
  const frame = await sidebarFrame(page, app.extensionId);
  await frame.evaluate(() => {
    const shown = new Set<string>();
    (window as unknown as { __shown: Set<string> }).__shown = shown;
    new MutationObserver(() => shown.add(document.body.innerText)).observe(document.body, { subtree: true, childList: true, characterData: true });
  });
  const shown = () => frame.evaluate(() => [...(window as unknown as { __shown: Set<string> }).__shown]);
  await editCrmRecord(page, 'open');
  // the reader reads the form ~40 ms after it appears; its report would reach the sidebar well within this
  await page.waitForTimeout(1_500);
  await editCrmRecord(page, { save: { Amount: '$135,000.00' } });
  await expect(aside.getByLabel('Amount')).toHaveText('$135,000.00', { timeout: 2_000 });
  await expect(text).toHaveText(ACME_NEXT_STEP);
  await expect(status).toHaveText('Done');
  // opened and cancelled: nothing changes either
  await editCrmRecord(page, 'open');
  await page.waitForTimeout(1_500);
  await editCrmRecord(page, 'cancel');
  await page.waitForTimeout(500);
  await expect(aside.getByLabel('Amount')).toHaveText('$135,000.00');
  await expect(status).toHaveText('Done');
  // never, in between, the form's labels or blanks for the record
  const seen = await shown();
  expect(seen.length).toBeGreaterThan(0);
  for (const t of seen) {
    expect(t).not.toContain('No next step');
    expect(['$120,000.00', '$135,000.00']).toContain(/^Amount\n(.*)$/m.exec(t)?.[1]);
    expect(t).toContain(ACME_NEXT_STEP);
  }
});

test('a CRM date that reads two ways says how it was read; the date order set in Options reads it again', async () => {
  await app.setUser();
  const page = await app.open(ACME);
  const aside = await sidebarShowing(page, app.extensionId, ACME_NAME);
  await editCrmField(page, 'NextStep', 'Pricing call 04/12/2027');
  await expect(aside.getByTestId('next-step-text')).toHaveText('Pricing call 04/12/2027');
  // the page (and its close date, 12/31/2026) write month first: 12 April, and the sidebar says so
  const hint = aside.getByTestId('date-order-hint');
  await expect(hint).toContainText('04/12/2027 was read as Mon, Apr 12, 2027.');
  await expect(aside.getByText(/^Date: Mon, Apr 12, 2027\./)).toBeVisible();
  const [options] = await Promise.all([app.context.waitForEvent('page'), hint.getByRole('button', { name: 'Set the date order' }).click()]);
  await options.waitForURL(/\/options\.html/);
  const order = options.getByRole('combobox', { name: 'Numeric dates are written' });
  await expect(order).toHaveValue('auto');
  await expect(options.getByTestId('date-order-learned')).toContainText('acme.lightning.force.com writes month first');
  // a learned site can be forgotten (learned again from its next close date); the keyboard stays in the section
  await options.getByRole('button', { name: 'Forget how acme.lightning.force.com writes dates' }).click();
  await expect(options.getByTestId('date-order-learned')).toContainText('Until a site shows a close date whose day is above 12');
  await expect(order).toBeFocused();
  await order.selectOption({ label: 'Day first (31/12/2026)' });
  // the open sidebar reads the stored date again, without a reload of the CRM page
  await expect(hint).toContainText('04/12/2027 was read as Sat, Dec 4, 2027 (day first, as set in Options).');
  await expect(hint.getByRole('button', { name: 'Change the date order' })).toBeVisible();
  // the stored next step moved with it (its status and the scorecard read that date)
  await expect(aside.getByText(/^Date: Sat, Dec 4, 2027\./)).toBeVisible();
  // and a date the user types in the sidebar reads that way round too
  const due = aside.getByRole('textbox', { name: 'Due' });
  await expect(due).toHaveAttribute('placeholder', /3\/12\/2026$/);
  await due.fill('3/12/2027');
  await expect(aside.getByText('→ Fri, Dec 3, 2027')).toBeVisible();
  // and what the page reports next is read that way (a reload brings back the fixture's own step)
  await page.reload();
  const again = await sidebarShowing(page, app.extensionId, ACME_NAME);
  await editCrmField(page, 'NextStep', 'Security review 03/11/2027');
  await expect(again.getByTestId('date-order-hint')).toContainText('03/11/2027 was read as Wed, Nov 3, 2027 (day first');
});

test('an inline edit reaches the sidebar while the record page keeps loading its activity', async () => {
  await app.setUser();
  const page = await app.open(ACME);
  const aside = await sidebarShowing(page, app.extensionId, ACME_NAME);
  // the page's own script: an activity feed in the record's page gains an item every 30 ms
  await page.evaluate(() => {
    const feed = document.createElement('div');
    feed.className = 'slds-feed';
    document.querySelector('.active.lafPageHost')!.append(feed);
    const add = setInterval(() => {
      const item = document.createElement('article');
      item.className = 'slds-feed__item';
      item.textContent = `Logged a call ${feed.childElementCount + 1}`;
      feed.append(item);
    }, 30);
    setTimeout(() => clearInterval(add), 8_000);
  });
  // long enough for the reader to read less often (it found nothing new, again and again)
  await page.waitForTimeout(2_500);
  const feedItems = () => page.evaluate(() => document.querySelector('.slds-feed')!.childElementCount);
  const before = await feedItems();
  const edited = `Procurement review ${usDateFromToday(40)}`;
  await editCrmField(page, 'NextStep', edited);
  await expect(aside.getByTestId('next-step-text')).toHaveText(edited, { timeout: 2_000 });
  // the edit was made, and seen, while the feed was still growing
  expect(await feedItems()).toBeGreaterThan(before);
});

test('a record page of 6,000+ elements with its Next Step in a shadow root: the deal is shown with it, and edits reach the sidebar', async () => {
  await app.setUser();
  // the Lightning fixture with the 5,000-element page inside its record (as the page-cost benchmark builds it):
  // too large to search for shadow roots at once, so the reader touches it a slice at a time and reads after
  const body = await withNoiseInRecordPage(await readFile(join(ROOT, 'test/fixtures/crm/salesforce-lightning-opportunity.html'), 'utf8'));
  await app.context.route(ACME, (route) => route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body }));
  const page = await app.open(ACME);
  expect(await page.evaluate(() => document.getElementsByTagName('*').length)).toBeGreaterThan(6000);
  const aside = await sidebarShowing(page, app.extensionId, ACME_NAME);
  // in the same render as the name (that no read without it is reported first, which the sidebar
  // cannot show apart from a moment later, is the watcher's unit test: test/unit/page/snapshot-watcher.test.ts)
  expect(await aside.getByTestId('next-step-text').count()).toBe(1);
  await expect(aside.getByTestId('next-step-text')).toHaveText('Send mutual action plan draft by 12/15/2026');
  await expect(aside.getByLabel('Amount')).toHaveText('$120,000.00');
  // and later edits are read as on any page
  const edited = `Procurement review ${usDateFromToday(40)}`;
  await editCrmField(page, 'NextStep', edited);
  await expect(aside.getByTestId('next-step-text')).toHaveText(edited);
});

test('an edit typed into a form field (Dynamics 365) reaches the sidebar once committed', async () => {
  await app.setUser();
  const page = await app.open(DYNAMICS);
  const aside = await sidebarShowing(page, app.extensionId, 'Fabrikam — 500 Seats');
  await expect(aside.getByLabel('Close date')).toHaveText('31/03/2027');
  // Dynamics shows its fields as inputs: typing changes the input's value (and, as React
  // mirrors it, its value attribute: a mutation the reader sees)
  const field = page.getByRole('textbox', { name: 'Date of Est. Close Date' });
  await field.fill('');
  await field.pressSequentially('30/06/2027', { delay: 30 });
  expect(await field.getAttribute('value'), 'the fixture mirrors keystrokes into the attribute').toBe('30/06/2027');
  // the edit is not committed until the field is left (longer than the reader's 2 s check of form values)
  await page.waitForTimeout(2_500);
  await expect(aside.getByLabel('Close date')).toHaveText('31/03/2027');
  await field.press('Tab');
  await expect(aside.getByLabel('Close date')).toHaveText('30/06/2027', { timeout: 2_000 });
  // committed with Enter, the field keeping focus
  await field.fill('15/07/2027');
  await page.waitForTimeout(1_000);
  await expect(aside.getByLabel('Close date')).toHaveText('30/06/2027');
  await field.press('Enter');
  await expect(field).toBeFocused();
  await expect(aside.getByLabel('Close date')).toHaveText('15/07/2027', { timeout: 2_000 });
});

test("a value the CRM's own script sets in a form field, with no event and no DOM change, reaches the sidebar", async () => {
  await app.setUser();
  const page = await app.open(DYNAMICS);
  const aside = await sidebarShowing(page, app.extensionId, 'Fabrikam — 500 Seats');
  await expect(aside.getByLabel('Close date')).toHaveText('31/03/2027');
  // as a form's script does after a save recalculates a field: the value property only
  await page.evaluate(() => {
    const input = document.querySelector<HTMLInputElement>('input[aria-label="Date of Est. Close Date"]');
    if (!input) throw new Error('no close date input on the fixture');
    input.value = '15/05/2027';
  });
  await expect(aside.getByLabel('Close date')).toHaveText('15/05/2027', { timeout: 4_000 });
});

test('two tabs on the same deal stay in sync without a reload', async () => {
  await app.setUser();
  const one = await app.open(ACME);
  const two = await app.open(ACME);
  const asideOne = await sidebarShowing(one, app.extensionId, ACME_NAME);
  const asideTwo = await sidebarShowing(two, app.extensionId, ACME_NAME);
  await asideOne.getByRole('textbox', { name: 'Coaching note' }).fill('Seen from tab one');
  await asideOne.getByRole('button', { name: 'Add note' }).click();
  await expect(asideTwo.getByRole('list', { name: 'Notes' })).toContainText('Seen from tab one');
  await asideTwo.getByRole('radiogroup', { name: 'Next step' }).getByRole('radio', { name: '2' }).check();
  await expect(asideOne.getByRole('radiogroup', { name: 'Next step' }).getByRole('radio', { name: '2' })).toBeChecked();
});

test('two tabs on a deal share what is typed about an outcome: the other tab records it, and neither shows a false notice', async () => {
  await app.setUser();
  const one = await app.open(ACME);
  const asideOne = await sidebarShowing(one, app.extensionId, ACME_NAME);
  await asideOne.getByRole('textbox', { name: 'Commitment' }).fill('the security review booked');
  await asideOne.getByRole('textbox', { name: 'Due' }).fill('in two weeks');
  await asideOne.getByRole('button', { name: 'Save commitment' }).click();
  const update = 'Update: the security review booked';
  await asideOne.getByRole('button', { name: update }).click();
  await asideOne.getByLabel('Outcome note').fill('Booked for the 14th, Jordan confirmed');

  const two = await app.open(ACME);
  const asideTwo = await sidebarShowing(two, app.extensionId, ACME_NAME);
  // what was typed in the first tab is open here too, as a coaching note's draft is
  await expect(asideTwo.getByLabel('Outcome note')).toHaveValue('Booked for the 14th, Jordan confirmed');
  await asideTwo.getByRole('button', { name: 'Kept' }).click();
  const history = asideTwo.getByRole('list', { name: 'Commitment history' });
  await expect(history).toContainText('the security review booked');
  await expect(history).toContainText('What happened: Booked for the 14th, Jordan confirmed');
  await expect(asideTwo.getByRole('alert')).toHaveCount(0);

  await one.bringToFront();
  await expect(asideOne.getByRole('list', { name: 'Commitment history' })).toContainText('What happened: Booked for the 14th, Jordan confirmed');
  await expect(asideOne.getByRole('button', { name: update })).toHaveCount(0);
  await expect(asideOne.getByRole('alert')).toHaveCount(0);
});

test('a promise settled by a restored backup while its outcome is typed here: what was typed is shown, not dropped unseen', async () => {
  await app.setUser();
  const page = await app.open(ACME);
  const aside = await sidebarShowing(page, app.extensionId, ACME_NAME);
  await aside.getByRole('textbox', { name: 'Commitment' }).fill('the security review booked');
  await aside.getByRole('textbox', { name: 'Due' }).fill('in two weeks');
  await aside.getByRole('button', { name: 'Save commitment' }).click();
  const update = 'Update: the security review booked';
  await expect(aside.getByRole('button', { name: update })).toBeVisible();

  // a backup in which the promise was kept (as another browser of this manager's would hold it)
  const options = await app.context.newPage();
  await options.goto(`chrome-extension://${app.extensionId}/options.html`);
  const backup = options.getByRole('region', { name: 'Backup' });
  const [download] = await Promise.all([options.waitForEvent('download'), backup.getByRole('button', { name: 'Download backup' }).click()]);
  const file = await download.path();
  const saved = JSON.parse(await readFile(file!, 'utf8')) as { stores: { commitments: Record<string, unknown>[] } };
  const [promise] = saved.stores.commitments;
  expect(promise).toMatchObject({ text: 'the security review booked', status: 'open' });
  Object.assign(promise!, {
    status: 'kept',
    resolution: { outcome: 'kept', note: 'booked', by: { name: 'Morgan Lead', role: 'manager' }, at: new Date().toISOString() },
  });
  const keptFile = `${file}-kept.json`;
  await writeFile(keptFile, JSON.stringify(saved));

  await page.bringToFront();
  await aside.getByRole('button', { name: update }).click();
  await aside.getByLabel('Outcome note').fill('Booked for the 14th, Jordan confirmed');
  await options.bringToFront();
  await backup.getByLabel('Restore from a backup file').setInputFiles(keptFile);
  await expect(backup.getByRole('status')).toContainText(/updated/i);

  await page.bringToFront();
  const notice = aside.getByRole('alert').filter({ hasText: 'was marked kept elsewhere' });
  await expect(notice).toContainText('“the security review booked” was marked kept elsewhere by Morgan Lead.');
  await expect(notice).toContainText('Booked for the 14th, Jordan confirmed');
  await notice.getByRole('button', { name: 'Dismiss' }).click();
  await expect(notice).toHaveCount(0);
});

test('a commitment and an outcome being typed survive a move to another deal and back, and a closed tab', async () => {
  await app.setUser();
  const page = await app.open(ACME);
  let aside = await sidebarShowing(page, app.extensionId, ACME_NAME);
  await aside.getByRole('textbox', { name: 'Commitment' }).fill('the order form signed');
  await aside.getByRole('textbox', { name: 'Due' }).fill('in two weeks');
  await aside.getByRole('button', { name: 'Save commitment' }).click();
  await aside.getByRole('button', { name: 'Update: the order form signed' }).click();
  await aside.getByLabel('Outcome note').pressSequentially('Legal has the redlines');
  await aside.getByRole('textbox', { name: 'Commitment' }).pressSequentially('a pricing call with the CFO');
  await aside.getByRole('textbox', { name: 'Due' }).pressSequentially('next Friday');

  await navigate(page, '0065g00000GlobexAA');
  aside = await sidebarShowing(page, app.extensionId, GLOBEX_NAME);
  // another deal's forms are its own
  await expect(aside.getByRole('textbox', { name: 'Commitment' })).toHaveValue('');
  await page.goBack();
  aside = await sidebarShowing(page, app.extensionId, ACME_NAME);
  await expect(aside.getByRole('textbox', { name: 'Commitment' })).toHaveValue('a pricing call with the CFO');
  await expect(aside.getByRole('textbox', { name: 'Due' })).toHaveValue('next Friday');
  // the promise with something typed about it opens again with it
  await expect(aside.getByLabel('Outcome note')).toHaveValue('Legal has the redlines');

  await page.close({ runBeforeUnload: true });
  const again = await app.open(ACME);
  aside = await sidebarShowing(again, app.extensionId, ACME_NAME);
  await expect(aside.getByRole('textbox', { name: 'Commitment' })).toHaveValue('a pricing call with the CFO');
  await expect(aside.getByLabel('Outcome note')).toHaveValue('Legal has the redlines');
  // saved, the new promise's draft is gone; kept, the outcome's
  await aside.getByRole('button', { name: 'Save commitment' }).click();
  await expect(aside.getByRole('textbox', { name: 'Commitment' })).toHaveValue('');
  await aside.getByRole('button', { name: 'Kept' }).click();
  await expect(aside.getByRole('list', { name: 'Commitment history' })).toContainText('What happened: Legal has the redlines');
  await again.reload();
  aside = await sidebarShowing(again, app.extensionId, ACME_NAME);
  await expect(aside.getByRole('button', { name: 'Update: a pricing call with the CFO' })).toBeVisible();
  await expect(aside.getByRole('textbox', { name: 'Commitment' })).toHaveValue('');
  await aside.getByRole('button', { name: 'Update: a pricing call with the CFO' }).click();
  await expect(aside.getByLabel('Outcome note')).toHaveValue('');
});

test('a next step being typed survives a move to another deal and back, and a reload; Cancel lets it go', async () => {
  await app.setUser();
  const page = await app.open(ACME);
  let aside = await sidebarShowing(page, app.extensionId, ACME_NAME);
  await aside.getByRole('button', { name: 'Edit next step' }).click();
  await aside.getByRole('textbox', { name: 'Next step text' }).fill('Security review with Jordan');
  await aside.getByRole('textbox', { name: 'Next step date' }).fill('next Tuesday');

  await navigate(page, '0065g00000GlobexAA');
  aside = await sidebarShowing(page, app.extensionId, GLOBEX_NAME);
  await expect(aside.getByRole('textbox', { name: 'Next step text' })).toHaveCount(0); // another deal's form is its own
  await page.goBack();
  aside = await sidebarShowing(page, app.extensionId, ACME_NAME);
  await expect(aside.getByRole('textbox', { name: 'Next step text' })).toHaveValue('Security review with Jordan');
  await expect(aside.getByRole('textbox', { name: 'Next step date' })).toHaveValue('next Tuesday');
  // the step shown is still the CRM's: nothing was saved
  await expect(aside.getByTestId('next-step-text')).toHaveText(ACME_NEXT_STEP);

  await page.reload();
  aside = await sidebarShowing(page, app.extensionId, ACME_NAME);
  await expect(aside.getByRole('textbox', { name: 'Next step text' })).toHaveValue('Security review with Jordan');
  await aside.getByRole('button', { name: 'Cancel' }).click();
  await expect(aside.getByRole('textbox', { name: 'Next step text' })).toHaveCount(0);
  await page.reload();
  aside = await sidebarShowing(page, app.extensionId, ACME_NAME);
  await expect(aside.getByRole('button', { name: 'Edit next step' })).toBeVisible();
  await expect(aside.getByRole('textbox', { name: 'Next step text' })).toHaveCount(0);
  // opened again: the step shown, not the text let go
  await aside.getByRole('button', { name: 'Edit next step' }).click();
  await expect(aside.getByRole('textbox', { name: 'Next step text' })).toHaveValue(ACME_NEXT_STEP);
});

test('two tabs on the same deal share one note draft: neither types over the other’s text', async () => {
  await app.setUser();
  const one = await app.open(ACME);
  const two = await app.open(ACME);
  const noteOne = (await sidebarShowing(one, app.extensionId, ACME_NAME)).getByRole('textbox', { name: 'Coaching note' });
  const noteTwo = (await sidebarShowing(two, app.extensionId, ACME_NAME)).getByRole('textbox', { name: 'Coaching note' });
  await noteOne.fill('Started in tab one');
  await expect(noteTwo).toHaveValue('Started in tab one');
  await noteTwo.press('End');
  await noteTwo.pressSequentially(', finished in tab two');
  await expect(noteOne).toHaveValue('Started in tab one, finished in tab two');
  // the note added in one tab clears the draft in both
  await noteOne.press('Control+Enter');
  await expect(noteTwo).toHaveValue('');
});

test('text typed in the other note format is kept when a note is added, and an agreed new date cannot be in the past', async () => {
  await app.setUser();
  const page = await app.open(ACME);
  const aside = await sidebarShowing(page, app.extensionId, ACME_NAME);
  await aside.getByRole('textbox', { name: 'Coaching note' }).fill('Free text, not finished');
  await aside.getByRole('button', { name: 'GROW' }).click();
  await aside.getByRole('textbox', { name: 'Goal' }).fill('Economic buyer named');
  await aside.getByRole('button', { name: 'Add note' }).click();
  await expect(aside.getByRole('list', { name: 'Notes' })).toContainText('Economic buyer named');
  await aside.getByRole('button', { name: 'Free text' }).click();
  await expect(aside.getByRole('textbox', { name: 'Coaching note' })).toHaveValue('Free text, not finished');
  // …and it is still the stored draft
  await page.reload();
  const again = await sidebarShowing(page, app.extensionId, ACME_NAME);
  await expect(again.getByRole('textbox', { name: 'Coaching note' })).toHaveValue('Free text, not finished');

  await again.getByRole('textbox', { name: 'Commitment' }).fill('a signed MAP with Acme');
  await again.getByRole('textbox', { name: 'Due' }).fill(usDateFromToday(9));
  await again.getByRole('button', { name: 'Save commitment' }).click();
  await again.getByRole('button', { name: 'Update: a signed MAP with Acme' }).click();
  const update = again.getByRole('group', { name: 'Update: a signed MAP with Acme' });
  await update.getByRole('button', { name: 'Renegotiate' }).click();
  await update.getByLabel('New due date').fill(usDateFromToday(-2));
  await update.getByLabel('Reason').fill('Legal is slow');
  await expect(update.getByText(/has passed: agree a date from today on/)).toBeVisible();
  await expect(update.getByRole('button', { name: 'Save new date' })).toBeDisabled();
  await update.getByLabel('New due date').fill(usDateFromToday(14));
  await update.getByRole('button', { name: 'Save new date' }).click();
  await expect(again.getByRole('list', { name: 'Commitment history' })).toContainText('Renegotiated');
});

test('a sidebar left open overnight turns at midnight: the promise due today asks what happened', async () => {
  await app.setUser();
  // The page's clock (and its frames') at 23:59 today, run forward by hand.
  const lateToday = new Date();
  lateToday.setHours(23, 59, 0, 0);
  await app.context.clock.install({ time: lateToday });
  const page = await app.open(ACME);
  const aside = await sidebarShowing(page, app.extensionId, ACME_NAME);
  await aside.getByRole('textbox', { name: 'Commitment' }).fill('the pricing sign-off from Acme');
  await aside.getByRole('textbox', { name: 'Due' }).fill('tomorrow');
  await aside.getByRole('button', { name: 'Save commitment' }).click();
  await expect(aside.getByRole('button', { name: 'Update: the pricing sign-off from Acme' })).toBeVisible();
  await expect(aside.getByText('What happened?')).toHaveCount(0);
  // an outcome note half typed before midnight is still there once the promise asks what happened
  await aside.getByRole('button', { name: 'Update: the pricing sign-off from Acme' }).click();
  await aside.getByLabel('Outcome note').fill('Sent for signature');
  await app.context.clock.runFor('02:00');
  const prompt = aside.getByRole('group', { name: /You committed to the pricing sign-off from Acme/ });
  await expect(prompt).toBeVisible();
  await expect(aside.getByRole('button', { name: 'Missed' })).toBeVisible();
  await expect(prompt.getByLabel('Outcome note')).toHaveValue('Sent for signature');
});

test('a coaching note draft survives closing the tab mid-sentence', async () => {
  await app.setUser();
  const page = await app.open(ACME);
  const aside = await sidebarShowing(page, app.extensionId, ACME_NAME);
  await aside.getByRole('textbox', { name: 'Coaching note' }).pressSequentially('Half a thought about the champ');
  await page.close({ runBeforeUnload: true });
  const again = await app.open(ACME);
  const aside2 = await sidebarShowing(again, app.extensionId, ACME_NAME);
  await expect(aside2.getByRole('textbox', { name: 'Coaching note' })).toHaveValue('Half a thought about the champ');
});

test('a hostile page script learns nothing of a note, score or commitment', async () => {
  await app.setUser();
  // Runs in the CRM page's own world before its scripts: it snoops on everything it can reach.
  await app.context.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { __seen: string[] }).__seen = seen;
    addEventListener('message', (e) => seen.push(JSON.stringify(e.data)), true);
    const snoop = () => {
      seen.push(document.documentElement.outerHTML);
      for (const el of Array.from(document.querySelectorAll('*'))) {
        if (el.shadowRoot) seen.push(el.shadowRoot.innerHTML);
      }
      for (let i = 0; i < window.frames.length; i++) {
        try {
          seen.push(window.frames[i]!.document.body.innerText);
        } catch {
          seen.push('blocked');
        }
      }
      for (const f of Array.from(document.querySelectorAll('iframe'))) {
        try {
          seen.push(f.contentDocument?.body?.innerText ?? 'no document');
        } catch {
          seen.push('blocked');
        }
      }
    };
    (window as unknown as { __snoop: () => void }).__snoop = snoop;
    new MutationObserver(snoop).observe(document, { subtree: true, childList: true, characterData: true });
  });
  const page = await app.open(ACME);
  const aside = await sidebarShowing(page, app.extensionId, ACME_NAME);
  const secret = 'Rep is interviewing elsewhere — keep this private';
  await aside.getByRole('textbox', { name: 'Coaching note' }).fill(secret);
  await aside.getByRole('button', { name: 'Add note' }).click();
  await expect(aside.getByRole('list', { name: 'Notes' })).toContainText(secret);
  await page.evaluate(() => (window as unknown as { __snoop: () => void }).__snoop());
  const seen = await page.evaluate(() => (window as unknown as { __seen: string[] }).__seen.join('\n'));
  expect(seen.length).toBeGreaterThan(1000); // the snoop really ran and saw the page
  expect(seen).not.toContain('interviewing elsewhere');
  // The host element is empty to the page: its shadow root is closed.
  expect(await page.evaluate(() => document.querySelector('dealside-sidebar')?.shadowRoot ?? null)).toBeNull();
  // …and the page cannot talk to the extension's background.
  const canMessage = await page.evaluate(() => typeof (window as unknown as { chrome?: { runtime?: { sendMessage?: unknown } } }).chrome?.runtime?.sendMessage);
  expect(canMessage).not.toBe('function');
  // …nor learn the frame's token (its address, after "#"): not from the page's own performance timeline either.
  const token = new URL((await sidebarFrame(page, app.extensionId)).url()).hash.slice(1);
  expect(token).toMatch(/^[0-9a-f]{32}$/);
  const timeline = await page.evaluate(() => performance.getEntries().map((e) => e.name).join('\n'));
  expect(timeline).toContain('acme.lightning.force.com'); // the page's own entries are there
  expect(timeline).not.toContain(token);
});

test('the sidebar framed anywhere but by the deal page itself (a widget inside it) shows no deal, only why', async () => {
  await app.setUser();
  const page = await app.open(ACME);
  await sidebarShowing(page, app.extensionId, ACME_NAME); // the tab's deal is known: the widget's frame would get it if asked
  // A third-party widget inside the CRM page frames Dealside's sidebar (web-accessible on https sites) to overlay it,
  // at the session's random address (at the fixed one it does not load at all: see the next test but one).
  const sidebarUrl = `chrome-extension://${app.extensionId}/sidebar.html`;
  const reachable = `chrome-extension://${await dynamicExtensionId(app.context)}/sidebar.html`;
  await app.context.route('https://widget.example/**', (route) =>
    route.fulfill({ status: 200, contentType: 'text/html', body: `<iframe src="${reachable}" style="width:400px;height:600px"></iframe>` }),
  );
  await page.evaluate(() => {
    const f = document.createElement('iframe');
    f.src = 'https://widget.example/embed';
    document.body.append(f);
  });
  await expect.poll(() => page.frames().filter((f) => withoutToken(f.url()) === sidebarUrl).length, { timeout: 10_000 }).toBe(2);
  const nested = page.frames().find((f) => withoutToken(f.url()) === sidebarUrl && f.parentFrame() !== page.mainFrame())!;
  const aside = nested.getByRole('complementary', { name: 'Dealside' });
  await expect(aside.getByRole('alert')).toHaveText(/shows a deal only beside the CRM page it read/);
  await expect(aside.getByRole('heading', { name: ACME_NAME })).toHaveCount(0);
  await expect(aside.getByRole('textbox', { name: 'Coaching note' })).toHaveCount(0);
});

test('a sidebar frame Dealside did not make is told nothing: one the deal page itself adds, or the next site in the tab', async () => {
  await app.setUser();
  const page = await app.open(ACME);
  await sidebarShowing(page, app.extensionId, ACME_NAME);
  // Framed at the session's random address, which Chromium serves as the fixed id's (the frames' addresses below)
  const sidebarUrl = `chrome-extension://${app.extensionId}/sidebar.html`;
  const reachable = `chrome-extension://${await dynamicExtensionId(app.context)}/sidebar.html`;
  // (a query too, so the harness's sidebarFrame, which takes a frame with a token, never takes this one for Dealside's)
  const guessed = `${sidebarUrl}?guess#${'f'.repeat(32)}`;
  const notDealsides = () => page.frames().filter((f) => f.url() === sidebarUrl || f.url() === guessed);
  const refusedFrames = async (count: number) => {
    await expect.poll(() => notDealsides().length, { timeout: 10_000 }).toBe(count);
    for (const frame of notDealsides()) {
      const aside = frame.getByRole('complementary', { name: 'Dealside' });
      await expect(aside.getByRole('alert')).toHaveText(/shows a deal only beside the CRM page it read/);
      await expect(aside.getByRole('heading', { name: ACME_NAME })).toHaveCount(0);
      await expect(aside.getByRole('textbox', { name: 'Coaching note' })).toHaveCount(0);
    }
  };
  // A script on the deal page itself (a third-party widget's, say) frames the sidebar in the top page, where it
  // could lay it out to steer clicks: its origin and place are right, but it has not the token the reader's frame got.
  await page.evaluate((sources) => {
    for (const src of sources) {
      const f = document.createElement('iframe');
      f.src = src;
      document.body.append(f);
    }
  }, [reachable, guessed.replace(sidebarUrl, reachable)]);
  await refusedFrames(2);
  // The reader's own frame still shows the deal.
  await sidebarShowing(page, app.extensionId, ACME_NAME);

  // The next site opened in this tab (the background still holds the deal for it), its origin hidden
  // from the frame or not: refused (in Firefox, which does not tell a frame its parent, by the token alone).
  await app.context.route('https://evil.example/**', (route) =>
    route.fulfill({
      status: 200,
      contentType: 'text/html',
      body: ['referrerpolicy="no-referrer"', ''].map((policy) => `<iframe ${policy} src="${reachable}"></iframe>`).join(''),
    }),
  );
  await page.goto('https://evil.example/');
  await refusedFrames(2);
});

test('a web page cannot load Dealside’s files at the extension’s id (to learn it is installed), and a frame of it there stays empty', async () => {
  const page = await app.open(ACME);
  await sidebarFrame(page, app.extensionId); // Dealside's own frame, at the fixed id, is unaffected
  const probe = (base: string) =>
    page.evaluate(async (base) => {
      const loads = (src: string) =>
        new Promise<string>((done) => {
          // (a classic script: none of these files parses as one, so nothing of Dealside's runs in the page)
          const s = document.createElement('script');
          s.src = src;
          s.onload = () => done('loaded');
          s.onerror = () => done('refused');
          document.head.append(s);
        });
      const fetched = (src: string) => fetch(src).then((r) => `status ${r.status}`, () => 'refused');
      return Promise.all(['sidebar.html', 'crm-reader.js', 'call-review.html'].flatMap((file) => [loads(`${base}/${file}`), fetched(`${base}/${file}`)]));
    }, base);
  expect(await probe(`chrome-extension://${app.extensionId}`)).toEqual(Array(6).fill('refused'));
  // the same probe can succeed: at the session's random address (which no page is told) the files are there
  expect(await probe(`chrome-extension://${await dynamicExtensionId(app.context)}`)).toEqual(['loaded', 'status 200', 'loaded', 'status 200', 'loaded', 'status 200']);
  // a frame of the sidebar at the fixed id is refused by the browser: an error page, no Dealside in it
  await page.evaluate((src) => {
    const f = document.createElement('iframe');
    f.src = src;
    document.body.append(f);
  }, `chrome-extension://${app.extensionId}/sidebar.html?probe`);
  await expect.poll(() => page.frames().map((f) => f.url()), { timeout: 10_000 }).toContain('chrome-error://chromewebdata/');
  expect(page.frames().some((f) => f.url().includes('sidebar.html?probe'))).toBe(false);
});

test('a click on the sidebar while the page draws over it, or makes it see-through, is refused and said so; shown as drawn, it is taken', async () => {
  await app.setUser();
  const page = await app.open(ACME);
  const aside = await sidebarShowing(page, app.extensionId, ACME_NAME);
  const frame = await sidebarFrame(page, app.extensionId);
  /** What the guard believes of the frame (Chromium's IntersectionObserver v2 answer, kept on its own element). */
  const shownAsDrawn = () => frame.locator('[data-covered-click-viewport]').getAttribute('data-shown');
  const refused = aside.getByRole('alert').filter({ hasText: 'Dealside ignored that click' });
  const notes = aside.getByRole('list', { name: 'Notes' });
  const discovery = aside.getByRole('radiogroup', { name: 'Discovery' });
  // the guard watches while the pointer is in the frame, as a person's is before they press
  await aside.getByRole('heading', { name: ACME_NAME, level: 1 }).hover();
  await expect.poll(shownAsDrawn).toBe('true');

  // The page lays a decoy over the sidebar that lets clicks through to it (pointer-events: none).
  await page.evaluate(() => {
    const decoy = document.createElement('div');
    decoy.id = 'decoy';
    decoy.textContent = 'Claim your prize';
    decoy.style.cssText = 'position:fixed;inset:0 0 0 auto;width:600px;background:rgba(255,255,255,.9);z-index:2147483647;pointer-events:none';
    // after Dealside's own host (on <html>) at the same z-index: drawn over it, as a page always can
    document.documentElement.append(decoy);
  });
  await aside.getByRole('textbox', { name: 'Coaching note' }).fill('Typed, then clicked through a decoy');
  await aside.getByRole('button', { name: 'Add note' }).hover();
  await expect.poll(shownAsDrawn).toBe('false');
  await aside.getByRole('button', { name: 'Add note' }).click();
  await expect(refused).toBeVisible();
  // over the frame, moving nothing under the pointer; its Dismiss is taken even while covered
  await refused.getByRole('button', { name: 'Dismiss' }).click();
  await expect(refused).toHaveCount(0);
  await discovery.getByRole('radio', { name: '2' }).click();
  await expect(refused).toBeVisible();
  await expect(discovery.getByRole('radio', { name: '2' })).not.toBeChecked();
  await expect(notes).not.toContainText('Typed, then clicked through a decoy');
  // the keyboard, which needs focus the person gave, is not refused
  await aside.getByRole('radio', { name: '2' }).first().focus();
  await pageSeesFocusIn(page, 'dealside-sidebar');
  await page.keyboard.press('Space');
  await expect(discovery.getByRole('radio', { name: '2' })).toBeChecked();

  // The decoy gone, the same click is taken (and the notice goes).
  await page.evaluate(() => document.getElementById('decoy')?.remove());
  await expect.poll(shownAsDrawn).toBe('true');
  await aside.getByRole('button', { name: 'Add note' }).click();
  await expect(notes).toContainText('Typed, then clicked through a decoy');
  await expect(refused).toHaveCount(0);

  // The page makes everything, the sidebar with it, nearly see-through over a page of its own.
  await page.evaluate(() => {
    document.documentElement.style.opacity = '0.05';
  });
  await expect.poll(shownAsDrawn).toBe('false');
  await discovery.getByRole('radio', { name: '5' }).click();
  await expect(refused).toBeVisible();
  await expect(discovery.getByRole('radio', { name: '5' })).not.toBeChecked();

  // Turned off in Options (for a page that keeps a widget over the sidebar): the same click is taken, at once.
  const options = await app.context.newPage();
  await options.goto(`chrome-extension://${app.extensionId}/options.html`);
  await options.getByLabel('Refuse clicks while the page draws over Dealside').uncheck();
  await expect(options.getByLabel('Refuse clicks while the page draws over Dealside')).not.toBeChecked();
  await options.close();
  await expect(refused).toHaveCount(0);
  await discovery.getByRole('radio', { name: '5' }).click();
  await expect(discovery.getByRole('radio', { name: '5' })).toBeChecked();
  await expect(refused).toHaveCount(0);
});

test('a chat button the page keeps over a corner of the sidebar: the sidebar makes room for it, both take clicks, and its room goes with it', async () => {
  await app.setUser();
  const page = await app.open(ACME);
  const aside = await sidebarShowing(page, app.extensionId, ACME_NAME);
  const frame = await sidebarFrame(page, app.extensionId);
  const shownAsDrawn = () => frame.locator('[data-covered-click-viewport]').getAttribute('data-shown');
  const frameBox = async () => (await (await frame.frameElement()).boundingBox())!;
  const frameBottom = async () => ((b) => b.y + b.height)(await frameBox());
  const frameTop = async () => (await frameBox()).y;
  // (below the fixture's global header and above its utility bar, both fixed across the window)
  const [top, bottom] = [await frameTop(), await frameBottom()];
  // the page listens for messages: nothing of the sidebar's may reach it (its origin, its window)
  await page.evaluate(() => {
    const w = window as unknown as { heard: string[] };
    w.heard = [];
    addEventListener('message', (e) => w.heard.push(e.origin));
  });
  /** A support widget's button fixed over the sidebar (after Dealside's host at the same z-index), taking clicks itself. */
  const widget = (place: string) =>
    page.evaluate((place) => {
      const chat = document.createElement('button');
      chat.id = 'chat';
      chat.textContent = 'Chat';
      chat.style.cssText = `position:fixed;${place};width:64px;height:64px;border-radius:50%;z-index:2147483647`;
      chat.onclick = () => (chat.dataset.clicked = String(Number(chat.dataset.clicked ?? 0) + 1));
      document.documentElement.append(chat);
      return chat.getBoundingClientRect();
    }, place);

  const chat = await widget('right:40px;bottom:24px');
  await aside.getByRole('textbox', { name: 'Coaching note' }).fill('Typed beside a chat button');
  // the pointer comes into the sidebar: the guard finds it drawn over, and the dock ends above the button
  await aside.getByRole('heading', { name: ACME_NAME, level: 1 }).hover();
  await expect.poll(frameBottom).toBeLessThanOrEqual(chat.top);
  await expect.poll(shownAsDrawn).toBe('true');
  expect(await frameTop()).toBe(top);
  await aside.getByRole('button', { name: 'Add note' }).click();
  await expect(aside.getByRole('list', { name: 'Notes' })).toContainText('Typed beside a chat button');
  await expect(aside.getByRole('alert').filter({ hasText: 'Dealside ignored that click' })).toHaveCount(0);
  await page.locator('#chat').click();
  await expect(page.locator('#chat')).toHaveAttribute('data-clicked', '1');

  // The widget moves to the top corner: asked again, the dock makes room there instead.
  await page.evaluate(() => document.getElementById('chat')?.remove());
  await page.mouse.move(5, 300);
  const help = await widget(`right:40px;top:${top + 16}px`);
  await aside.getByRole('heading', { name: 'Coaching notes' }).hover();
  await expect.poll(frameTop).toBeGreaterThanOrEqual(help.bottom);
  await expect.poll(frameBottom).toBe(bottom);
  await expect.poll(shownAsDrawn).toBe('true');
  await aside.getByRole('radiogroup', { name: 'Discovery' }).getByRole('radio', { name: '4' }).click();
  await expect(aside.getByRole('radiogroup', { name: 'Discovery' }).getByRole('radio', { name: '4' })).toBeChecked();

  // Gone, on the same deal in the same window: as the pointer leaves the sidebar for the page it
  // starts at the top again (moving nothing under a pointer in it). Playwright's mouse gives a
  // frame of another process no leave event (an X pointer under Xvfb does: FINDINGS.md), so the
  // test dispatches the one the browser gives there.
  const leave = () =>
    frame.evaluate(() => document.documentElement.dispatchEvent(new MouseEvent('mouseout', { bubbles: true, relatedTarget: null })));
  // (past the 300 ms after which a resized panel asks again: from here only the leave asks)
  await page.waitForTimeout(1_000);
  await page.evaluate(() => document.getElementById('chat')?.remove());
  await page.mouse.move(5, 300);
  await leave();
  await expect.poll(frameTop).toBe(top);
  await expect.poll(frameBottom).toBe(bottom);

  // Back at the bottom, then gone, and on to another deal in the same page with no leave event
  // given to the sidebar (the click on the page's link is Playwright's): the room goes with the move.
  const again = await widget('right:40px;bottom:24px');
  await aside.getByRole('heading', { name: ACME_NAME, level: 1 }).hover();
  await expect.poll(frameBottom).toBeLessThanOrEqual(again.top);
  await page.waitForTimeout(1_000); // (from here only the move asks)
  await page.evaluate(() => document.getElementById('chat')?.remove());
  await navigate(page, '0065g00000GlobexAA');
  await sidebarShowing(page, app.extensionId, GLOBEX_NAME);
  await expect.poll(frameTop).toBe(top);
  await expect.poll(frameBottom).toBe(bottom);
  expect(await page.evaluate(() => (window as unknown as { heard: string[] }).heard)).toEqual([]);
});

test('Dealside updated under an open deal page: the sidebar says so and keeps what was typed; the page moving on takes the dead sidebar away', async () => {
  await app.setUser();
  const page = await app.open(ACME);
  const aside = await sidebarShowing(page, app.extensionId, ACME_NAME);
  const note = aside.getByRole('textbox', { name: 'Coaching note' });
  await expect(note).not.toHaveAttribute('readonly');
  // An update or reload of the extension: Chromium leaves its frames on open pages, with no runtime behind them.
  const worker = app.context.serviceWorkers()[0] ?? (await app.context.waitForEvent('serviceworker'));
  await worker.evaluate(() => (globalThis as unknown as { chrome: { runtime: { reload(): void } } }).chrome.runtime.reload()).catch(() => {});
  await expect(aside.getByRole('alert').filter({ hasText: 'Dealside was updated or turned off, so this panel can no longer save.' })).toBeVisible();
  // what is typed now stays on screen to copy; a save says why it cannot, in the same words
  await note.fill('Typed after the update');
  await aside.getByRole('button', { name: 'Add note' }).click();
  // the save's answer first, then what it must not have shown with it
  await expect(aside.getByText(/can no longer save/).nth(1)).toBeVisible();
  await expect(aside.getByText(/Extension context invalidated/)).toHaveCount(0);
  await expect(note).toHaveValue('Typed after the update');
  // the old reader stops at the page's next move: its dock (and the width it kept) goes
  await navigate(page, '0065g00000GlobexAA');
  await expect(page.locator('dealside-sidebar')).toHaveCount(0);
  expect(await page.evaluate(() => document.documentElement.style.marginRight)).toBe('');
  // (A copy loaded from the command line, as here, does not come back from runtime.reload(); an
  // updated one runs on the page once it loads again, as on any page opened after the update.)
});
