// Every surface a person uses, audited with axe-core (WCAG 2.x A/AA rules and
// axe's best practices, colour contrast included) in light and dark, in the
// states that show the most: the sidebar's first run and a deal with a due
// commitment (its drop form open), one not yet due (its Update open), GROW
// note, score history and keyboard shortcuts open; the popup's table and 1:1
// view; Options; the call-review panel. The accessible names tests rely on are
// checked in the other specs; this one catches what a name check cannot.
import { expect, test, type Frame, type Locator, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { GLOBEX, GLOBEX_NAME, launch, sidebarFrame, sidebarShowing, type App } from './harness';
import { openPanel, openRecording } from './call-review.support';

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/**
 * Rules that do not apply to a framed panel: the sidebar and the call-review
 * panel are parts of the CRM's page, so their documents hold a `complementary`
 * (sidebar) or `region` (panel) landmark by contract (ARCHITECTURE.md), not a `main`.
 */
const FRAMED = ['landmark-one-main'];

interface Violation {
  id: string;
  impact: string | null;
  help: string;
  targets: string[];
}

/** axe's violations in this document (not its frames), ids and the first elements each names. */
async function violations(target: Page | Frame, disabled: string[] = []): Promise<Violation[]> {
  // evaluate() runs over the devtools protocol: extension pages' CSP does not block it
  await target.evaluate(AXE_SOURCE);
  return target.evaluate(async (off) => {
    const axe = (window as unknown as { axe: { run(ctx: Document, opts: object): Promise<{ violations: { id: string; impact: string | null; help: string; nodes: { target: string[] }[] }[] }> } }).axe;
    const result = await axe.run(document, {
      resultTypes: ['violations'],
      iframes: false,
      rules: Object.fromEntries(off.map((id) => [id, { enabled: false }])),
    });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.slice(0, 5).map((n) => n.target.join(' ')) }));
  }, disabled);
}

async function expectNoViolations(target: Page | Frame, what: string, disabled?: string[]) {
  expect(await violations(target, disabled), `axe violations in ${what}`).toEqual([]);
  // axe does not judge text size: Chromium sets an extension page's <body> to 75% of
  // its own font (9.75 px for our 13 px) unless the page's stylesheet says otherwise
  const sizes = await target.evaluate(() => [document.documentElement, document.body].map((e) => getComputedStyle(e).fontSize));
  expect(sizes[1], `body text size in ${what} (the root's is ${sizes[0]})`).toBe(sizes[0]);
}

let app: App;
test.beforeEach(async () => {
  app = await launch();
});
test.afterEach(async () => {
  await app.close();
});

for (const scheme of ['light', 'dark'] as const) {
  test(`the sidebar has no axe violations (${scheme}): first run, then a deal with a due commitment`, async () => {
    const page = await app.context.newPage();
    await page.emulateMedia({ colorScheme: scheme });
    await page.goto(GLOBEX);
    const frame = await sidebarFrame(page, app.extensionId);
    await expect(frame.getByLabel('Your name')).toBeVisible();
    await expectNoViolations(frame, `the sidebar's first run (${scheme})`, FRAMED);

    await app.setUser();
    await page.reload();
    const aside = await sidebarShowing(page, app.extensionId, GLOBEX_NAME);
    await aside.getByRole('textbox', { name: 'Commitment' }).fill('the security questionnaire back to Globex');
    await aside.getByRole('textbox', { name: 'Due' }).fill('today');
    await aside.getByRole('button', { name: 'Save commitment' }).click();
    await expect(aside.getByText('What happened?')).toBeVisible();
    // the due one's drop form, and a promise not yet due with its Update panel open
    await aside.getByRole('button', { name: 'Drop' }).click();
    await aside.getByRole('textbox', { name: 'Commitment' }).fill('a pricing call with Globex finance');
    await aside.getByRole('textbox', { name: 'Due' }).fill('in two weeks');
    await aside.getByRole('button', { name: 'Save commitment' }).click();
    await aside.getByRole('button', { name: 'Update: a pricing call with Globex finance' }).click();
    await expect(aside.getByRole('group', { name: 'Update: a pricing call with Globex finance' })).toBeVisible();
    await aside.getByRole('radiogroup', { name: 'Discovery' }).getByRole('radio', { name: '3' }).check();
    await aside.getByRole('radiogroup', { name: 'Discovery' }).getByRole('radio', { name: '4' }).check();
    await aside.getByText(/^Score history/).click();
    await aside.getByRole('button', { name: 'GROW' }).click();
    await aside.locator('summary', { hasText: 'Keyboard shortcuts' }).click();
    await expect(aside.getByRole('table', { name: 'Keyboard shortcuts' })).toBeVisible();
    // every state the audit is meant to cover is on screen
    await expect(aside.getByRole('textbox', { name: 'Why is it dropped?' })).toBeVisible();
    await expect(aside.getByRole('list', { name: 'Score history' })).toBeVisible();
    await expect(aside.getByRole('textbox', { name: 'Goal' })).toBeVisible();
    await expectNoViolations(await sidebarFrame(page, app.extensionId), `the sidebar on a deal (${scheme})`, FRAMED);
  });

  test(`the popup has no axe violations (${scheme}): the table and a rep's 1:1 view`, async () => {
    await app.setUser();
    const deal = await app.open(GLOBEX);
    const aside = await sidebarShowing(deal, app.extensionId, GLOBEX_NAME);
    await aside.getByRole('radiogroup', { name: 'Qualification' }).getByRole('radio', { name: '2' }).check();
    await expect(aside.getByRole('radiogroup', { name: 'Qualification' }).getByRole('radio', { name: '2' })).toBeChecked();

    const popup = await app.context.newPage();
    await popup.emulateMedia({ colorScheme: scheme });
    await popup.goto(`chrome-extension://${app.extensionId}/popup.html`);
    await expect(popup.getByRole('table', { name: 'Weekly scorecard' })).toBeVisible();
    await expectNoViolations(popup, `the popup's table (${scheme})`);
    await popup.getByRole('button', { name: 'Sam Ortiz: open 1:1 view' }).click();
    await expect(popup.getByRole('heading', { name: '1:1 with Sam Ortiz' })).toBeVisible();
    await expectNoViolations(popup, `the popup's 1:1 view (${scheme})`);
  });
}

test('Options and the call-review panel have no axe violations', async () => {
  await app.setUser();
  const options = await app.context.newPage();
  await options.goto(`chrome-extension://${app.extensionId}/options.html`);
  await expect(options.getByRole('heading', { name: 'Backup' })).toBeVisible();
  await expect(options.getByRole('table', { name: 'Keyboard shortcuts' })).toBeVisible();
  await expectNoViolations(options, 'Options');

  const recording = await openRecording(app, 'https://app.gong.io/**', 'test/fixtures/calls/gong-call.html', 'https://app.gong.io/call?id=7782342274025937895');
  const panel = await openPanel(recording);
  const region = panel.getByRole('region', { name: 'Call review' });
  await region.getByRole('radiogroup', { name: 'Discovery' }).getByRole('radio', { name: '3' }).check();
  await region.getByRole('textbox', { name: 'Note at current time' }).fill('Asked about budget owner');
  await region.getByRole('textbox', { name: 'At (m:ss)' }).fill('0:04');
  await region.getByRole('button', { name: 'Pin note' }).click();
  await expect(region.getByRole('list', { name: 'Pinned notes' })).toContainText('Asked about budget owner');
  await expectNoViolations(panel, 'the call-review panel', FRAMED);
});

/**
 * The outline drawn around the keyboard-focused level of a score group: on its label or
 * anything in it (the radio itself is invisible over its digit's box), as "style width".
 */
const focusRingOf = (group: Locator) =>
  group.locator('input:focus').evaluate((input) => {
    const label = input.closest('label');
    for (const el of [label, ...(label ? label.querySelectorAll('*') : [])]) {
      const style = el && el !== input ? getComputedStyle(el) : null;
      if (style && style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0) return `${style.outlineStyle} ${style.outlineWidth}`;
    }
    return 'none';
  });

test('a score level reached by the keyboard shows a focus ring, in the sidebar and in the call panel', async () => {
  await app.setUser();
  const deal = await app.open(GLOBEX);
  const aside = await sidebarShowing(deal, app.extensionId, GLOBEX_NAME);
  const discovery = aside.getByRole('radiogroup', { name: 'Discovery' });
  await discovery.getByRole('radio', { name: '3' }).check();
  // an arrow key moves to the next level without scoring it
  await deal.keyboard.press('ArrowRight');
  await expect(discovery.getByRole('radio', { name: '4' })).toBeFocused();
  expect(await focusRingOf(discovery), 'the sidebar: the focused level').toBe('solid 3px');

  const recording = await openRecording(app, 'https://app.gong.io/**', 'test/fixtures/calls/gong-call.html', 'https://app.gong.io/call?id=7782342274025937895');
  const panel = await openPanel(recording);
  const qualification = panel.getByRole('region', { name: 'Call review' }).getByRole('radiogroup', { name: 'Qualification' });
  await qualification.getByRole('radio', { name: '2' }).check();
  await recording.keyboard.press('ArrowRight');
  await expect(qualification.getByRole('radio', { name: '3' })).toBeFocused();
  expect(await focusRingOf(qualification), 'the call panel: the focused level').toBe('solid 3px');
});
