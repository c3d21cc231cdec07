// Call review in place (issue 3), end to end in Debian Chromium with the built
// extension: real Gong and Zoom recording addresses fulfilled from fixtures,
// a real WAV file (scripts/make-media.mjs) served with byte ranges so seeking
// really moves currentTime.
import { expect, test, type Frame, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { launchWithExtension, openPanel, openRecording, panelFrame, routePage, type CallReviewApp } from './call-review.support';
import { EXTENSION_DIR, dynamicExtensionId, pageSeesFocusIn } from './harness';
import { routeMedia } from '../fixtures/calls/serve-media.mjs';
import { withoutToken } from '../support/frames.mjs';
import { dealsideRanIn, dealsideWorld } from '../support/dealside-world.mjs';

const GONG_URL = 'https://app.gong.io/call?id=7782342274025937895';
const ZOOM_URL = 'https://us02web.zoom.us/rec/share/Zq8Kd0LmNoPq.RsTuVwXyZ_acme?startTime=1763542800000';

/**
 * Play (muted: no user gesture here) until the media passes `seconds`, then pause: checked at
 * every frame and paused in the same task, in the page, so a slow machine cannot play on
 * while the test hears of it.
 */
async function playUntil(media: Page | Frame, selector: string, seconds: number) {
  return media.evaluate(
    ([sel, s]) =>
      new Promise<number>((resolve, reject) => {
        const v = document.querySelector<HTMLMediaElement>(sel);
        if (!v) return reject(new Error(`no media ${sel}`));
        v.muted = true;
        const giveUp = setTimeout(() => reject(new Error(`the media did not reach ${s} s`)), 15_000);
        const check = () => {
          if (v.currentTime < s) return void requestAnimationFrame(check);
          v.pause();
          clearTimeout(giveUp);
          resolve(v.currentTime);
        };
        v.play().then(check, reject);
      }),
    [selector, seconds] as const,
  );
}

const currentTime = (media: Page | Frame, selector: string) =>
  media.evaluate((sel) => document.querySelector<HTMLMediaElement>(sel)?.currentTime ?? -1, selector);

async function pin(panel: Frame, text: string, key: 'Enter' | 'Alt+P') {
  const region = panel.getByRole('region', { name: 'Call review' });
  await region.getByRole('textbox', { name: 'Note at current time' }).fill(text);
  await region.getByRole('textbox', { name: 'Note at current time' }).press(key);
  await expect(region.getByRole('list', { name: 'Pinned notes' }).getByText(text)).toBeVisible();
}

test('Gong: pin while playing, seek from a pin, score, complete, reload, see it on the deal', async () => {
  const app = await launchWithExtension();
  try {
    await app.setUser({ name: 'Maya Manager', role: 'manager' });
    const dealKey = await app.visitDeal();
    await routeMedia(app.context);
    await routePage(app.context, 'https://app.gong.io/**', 'test/fixtures/calls/gong-call.html');
    const page = await app.context.newPage();
    await page.goto(GONG_URL);

    const panel = await openPanel(page);
    const region = panel.getByRole('region', { name: 'Call review' });
    await expect(region.getByRole('heading', { level: 1 })).toHaveText('Acme Corp — Discovery call');
    await expect(region.getByText(GONG_URL)).toBeVisible();

    const t1 = await playUntil(page, '#player', 2);
    await pin(panel, 'Good pain question', 'Enter');
    await playUntil(page, '#player', 4);
    await pin(panel, 'Missed the impact follow-up', 'Alt+P');
    const pins = region.getByRole('list', { name: 'Pinned notes' }).getByRole('listitem');
    await expect(pins).toHaveCount(2);
    await expect(pins.nth(0)).toContainText('0:02');
    await expect(pins.nth(1)).toContainText('0:04');

    // Move away, then a click on the first pin's time seeks back to it.
    await page.evaluate(() => {
      const v = document.querySelector<HTMLMediaElement>('#player');
      if (v) v.currentTime = 8;
    });
    await pins.nth(0).getByRole('button', { name: /^Go to 0:02 in the recording/ }).click();
    await expect.poll(async () => Math.abs((await currentTime(page, '#player')) - t1)).toBeLessThan(0.3);
    expect(Math.abs((await currentTime(page, '#player')) - 2)).toBeLessThan(0.6);

    // Score: a click, a digit key on the focused group, another click.
    await region.getByRole('radiogroup', { name: 'Discovery' }).getByRole('radio', { name: '4' }).check();
    await region.getByRole('radiogroup', { name: 'Next step' }).getByRole('radio', { name: '1' }).focus();
    await pageSeesFocusIn(panel.page(), 'dealside-call-review');
    await panel.page().keyboard.press('3');
    await expect(region.getByRole('radiogroup', { name: 'Next step' }).getByRole('radio', { name: '3' })).toBeChecked();
    await region.getByRole('radiogroup', { name: 'Qualification' }).getByRole('radio', { name: '2' }).check();
    await region.getByRole('combobox', { name: 'Rep' }).fill('Sam Rep');
    await region.getByRole('textbox', { name: 'Overall note' }).fill('Strong discovery; tighten the next step.');
    expect(dealKey).toBe('salesforce:acme/0065g00000AcmeQAAS');
    await region.getByRole('searchbox', { name: 'Deal (optional)' }).fill('Acme');
    await region.getByRole('list', { name: 'Deals found' }).getByRole('button').first().click();
    await expect(region.getByText(/^Deal:/)).toBeVisible();
    // The hit's button is gone: the focus goes to the linked deal's name, and after
    // "Unlink deal" (gone too) to the deal search box, never to the page's body.
    await expect(region.getByText('Acme Corp — Platform Renewal', { exact: true })).toBeFocused();
    await region.getByRole('button', { name: 'Unlink deal' }).click();
    await expect(region.getByRole('searchbox', { name: 'Deal (optional)' })).toBeFocused();
    await region.getByRole('searchbox', { name: 'Deal (optional)' }).fill('Acme');
    await region.getByRole('list', { name: 'Deals found' }).getByRole('button').first().press('Enter');
    await expect(region.getByText('Acme Corp — Platform Renewal', { exact: true })).toBeFocused();
    await expect(region.getByText(/Review time/)).toBeVisible();
    await region.getByRole('button', { name: 'Complete review' }).click();
    await expect(region.getByRole('status').filter({ hasText: 'Review completed.' })).toBeVisible();

    // Reload the recording: the panel opens by itself (it was open in this tab), and the
    // review is still there, completed, with its pins and scores.
    await page.reload();
    const again = (await panelFrame(page)).getByRole('region', { name: 'Call review' });
    await expect(again.getByText(/^Completed/)).toBeVisible();
    await expect(again.getByRole('list', { name: 'Pinned notes' }).getByRole('listitem')).toHaveCount(2);
    await expect(again.getByRole('radiogroup', { name: 'Discovery' }).getByRole('radio', { name: '4' })).toBeChecked();
    await expect(again.getByRole('radiogroup', { name: 'Next step' }).getByRole('radio', { name: '3' })).toBeChecked();
    await expect(again.getByRole('textbox', { name: 'Overall note' })).toHaveValue('Strong discovery; tighten the next step.');

    // The linked deal's sidebar lists it.
    const sidebar = await app.dealSidebar();
    const reviews = sidebar.getByRole('list', { name: 'Call reviews' });
    await expect(reviews.getByText('Acme Corp — Discovery call')).toBeVisible({ timeout: 10_000 });
    await expect(reviews.getByText(/Discovery 4 · Next step 3 · Qualification 2/)).toBeVisible();
    // …and its scores join the deal's score history, marked as coming from a call.
    await sidebar.getByText(/^Score history/).click();
    await expect(sidebar.getByRole('list', { name: 'Score history' })).toContainText('Discovery 4 — Maya Manager');
    await expect(sidebar.getByRole('list', { name: 'Score history' })).toContainText('from a call review');
  } finally {
    await app.close();
  }
});

test('Zoom (regional host): late media inside a same-origin frame; pin and seek', async () => {
  const app = await launchWithExtension();
  try {
    const page = await openRecording(app, 'https://us02web.zoom.us/**', 'test/fixtures/calls/zoom-recording.html', ZOOM_URL);
    const panel = await openPanel(page);
    const region = panel.getByRole('region', { name: 'Call review' });
    await expect(region.getByRole('heading', { level: 1 })).toHaveText('Acme weekly pipeline sync');

    // The player frame arrives after load (late media).
    await page.waitForSelector('iframe[title="Recording player"]');
    const playerFrame = await (await page.$('iframe[title="Recording player"]'))?.contentFrame();
    if (!playerFrame) throw new Error('no player frame');
    await playerFrame.waitForSelector('#zoom-player');
    const t1 = await playUntil(playerFrame, '#zoom-player', 2);
    await pin(panel, 'Legal blocker named', 'Enter');
    await playUntil(playerFrame, '#zoom-player', 4);
    await pin(panel, 'No owner for legal', 'Enter');
    await playerFrame.evaluate(() => {
      const v = document.querySelector<HTMLMediaElement>('#zoom-player');
      if (v) v.currentTime = 9;
    });
    const pins = region.getByRole('list', { name: 'Pinned notes' }).getByRole('listitem');
    await pins.nth(0).getByRole('button', { name: /^Go to 0:02 in the recording/ }).click();
    await expect.poll(async () => Math.abs((await currentTime(playerFrame, '#zoom-player')) - t1)).toBeLessThan(0.3);
  } finally {
    await app.close();
  }
});

test('Gong SPA: the next call is its own review; going back finds the first draft', async () => {
  const app = await launchWithExtension();
  try {
    const page = await openRecording(app, 'https://app.gong.io/**', 'test/fixtures/calls/gong-call.html', GONG_URL);
    const region = (await openPanel(page)).getByRole('region', { name: 'Call review' });
    await playUntil(page, '#player', 1);
    await pin(await panelFrame(page), 'First call note', 'Enter');
    await expect(region.getByRole('status').filter({ hasText: /^Pinned at/ })).toBeVisible();
    await region.getByRole('searchbox', { name: 'Deal (optional)' }).fill('no such deal');
    await expect(region.getByRole('list', { name: 'Deals found' })).toBeVisible();

    await page.getByRole('link', { name: /Next call/ }).click();
    await expect(page).toHaveURL(/id=9876543210987654321/);
    await expect(region.getByRole('heading', { level: 1 })).toHaveText('Globex — Pricing follow-up', { timeout: 10_000 });
    await expect(region.getByText('No pinned notes yet.')).toBeVisible();
    // nothing of the last call's panel carries over: its deal search, its status line
    await expect(region.getByRole('searchbox', { name: 'Deal (optional)' })).toHaveValue('');
    await expect(region.getByRole('list', { name: 'Deals found' })).toHaveCount(0);
    await expect(region.getByRole('status').filter({ hasText: /^Pinned at/ })).toHaveCount(0);

    await page.goBack();
    await expect(region.getByRole('list', { name: 'Pinned notes' }).getByText('First call note')).toBeVisible({ timeout: 10_000 });
  } finally {
    await app.close();
  }
});

/** The Gong recording with its panel open, in a browser where the first-run step (name and role) is not done yet. */
async function gongBeforeFirstRun(app: CallReviewApp) {
  await routeMedia(app.context);
  await routePage(app.context, 'https://app.gong.io/**', 'test/fixtures/calls/gong-call.html');
  const page = await app.context.newPage();
  await page.goto(GONG_URL);
  return { page, region: (await openPanel(page)).getByRole('region', { name: 'Call review' }) };
}

test('a save that failed (no name set yet) keeps the edits and is tried again: once the name is set, the review is stored', async () => {
  const app = await launchWithExtension();
  try {
    // no name set: the first-run step not done
    const { page, region } = await gongBeforeFirstRun(app);
    await pin(await panelFrame(page), 'Pinned before the name was set', 'Enter');
    await expect(region.getByRole('alert').filter({ hasText: /Tell Dealside your name and role first/ })).toBeVisible();
    await expect(region.getByText('Not saved')).toBeVisible();

    await app.setUser({ name: 'Maya Manager', role: 'manager' });
    // tried again on its own (5 s after the failure at first)
    await expect(region.getByText('Saved', { exact: true })).toBeVisible({ timeout: 15_000 });
    await page.reload();
    // the panel stays open in its tab across a reload
    const again = (await panelFrame(page)).getByRole('region', { name: 'Call review' });
    await expect(again.getByRole('list', { name: 'Pinned notes' }).getByText('Pinned before the name was set')).toBeVisible({ timeout: 10_000 });
  } finally {
    await app.close();
  }
});

test('a save that failed, then the next call in the SPA: what was typed on the first is said there, not dropped unseen', async () => {
  const app = await launchWithExtension();
  try {
    // no name set: every save is refused
    const { page, region } = await gongBeforeFirstRun(app);
    await region.getByRole('textbox', { name: 'Overall note' }).fill('Rep never asked about budget');
    await expect(region.getByText('Not saved')).toBeVisible();

    await page.getByRole('link', { name: /Next call/ }).click();
    await expect(region.getByRole('heading', { level: 1 })).toHaveText('Globex — Pricing follow-up', { timeout: 10_000 });
    const notice = region.getByRole('alert').filter({ hasText: 'was not saved before the page moved on' });
    await expect(notice).toContainText('Rep never asked about budget');
    await expect(notice).toContainText('Tell Dealside your name and role first');
    await expect(region.getByRole('textbox', { name: 'Overall note' })).toHaveValue('');
    await notice.getByRole('button', { name: 'Dismiss' }).click();
    await expect(notice).toHaveCount(0);
  } finally {
    await app.close();
  }
});

test('a first note typed and the tab closed before its autosave is kept; completing needs a score', async () => {
  const app = await launchWithExtension();
  try {
    const page = await openRecording(app, 'https://app.gong.io/**', 'test/fixtures/calls/gong-call.html', GONG_URL);
    let region = (await openPanel(page)).getByRole('region', { name: 'Call review' });
    await region.getByRole('textbox', { name: 'Overall note' }).fill('Strong discovery, weak close');
    // closed 0.2 s on, as quickly as a person does, well before a stored review's autosave (0.6 s
    // after the last keystroke); a closing tab's frame sends nothing more, so only a save already
    // sent keeps it
    await page.waitForTimeout(200);
    await page.close({ runBeforeUnload: true });

    const again = await app.context.newPage();
    await again.goto(GONG_URL);
    region = (await openPanel(again)).getByRole('region', { name: 'Call review' });
    await expect(region.getByRole('textbox', { name: 'Overall note' })).toHaveValue('Strong discovery, weak close', { timeout: 10_000 });
    // no score yet: not completed, and said why
    await region.getByRole('button', { name: 'Complete review' }).click();
    await expect(region.getByRole('status')).toHaveText(/Give at least one score/);
    await expect(region.getByText(/^Completed/)).toHaveCount(0);
    await region.getByRole('radiogroup', { name: 'Discovery' }).getByRole('radio', { name: '4' }).check();
    await region.getByRole('button', { name: 'Complete review' }).click();
    await expect(region.getByRole('status').filter({ hasText: 'Review completed.' })).toBeVisible();
  } finally {
    await app.close();
  }
});

test('a recording page with no media: pin by a typed time', async () => {
  const app = await launchWithExtension();
  try {
    await app.setUser({ name: 'Maya Manager', role: 'manager' });
    await routePage(app.context, 'https://app.gong.io/**', 'test/fixtures/calls/gong-call.html', (html) =>
      html.replace(/<video[^>]*><\/video>/g, '<p>Recording is still processing.</p>'),
    );
    const page = await app.context.newPage();
    await page.goto('https://app.gong.io/call?id=5550001112223334445');
    const region = (await openPanel(page)).getByRole('region', { name: 'Call review' });
    await expect(region.getByText(/No media found on this page/)).toBeVisible();
    await region.getByRole('textbox', { name: 'Note at current time' }).fill('Pricing objection');
    await region.getByRole('textbox', { name: 'Note at current time' }).press('Enter');
    await expect(region.getByRole('alert')).toContainText('type the time');
    await region.getByRole('textbox', { name: 'At (m:ss)' }).fill('1:05');
    await region.getByRole('textbox', { name: 'At (m:ss)' }).press('Enter');
    await expect(region.getByRole('list', { name: 'Pinned notes' }).getByRole('listitem')).toContainText('1:05');

    // "Remove" takes its own button away: the focus goes to the next pin, then to the pin box.
    await region.getByRole('textbox', { name: 'Note at current time' }).fill('Next steps vague');
    await region.getByRole('textbox', { name: 'At (m:ss)' }).fill('2:10');
    await region.getByRole('textbox', { name: 'At (m:ss)' }).press('Enter');
    await expect(region.getByRole('list', { name: 'Pinned notes' }).getByRole('listitem')).toHaveCount(2);
    await region.getByRole('button', { name: 'Remove note at 1:05' }).press('Enter');
    await expect(region.getByRole('button', { name: 'Remove note at 2:10' })).toBeFocused();
    await region.getByRole('button', { name: 'Remove note at 2:10' }).press('Enter');
    await expect(region.getByText('No pinned notes yet.')).toBeVisible();
    await expect(region.getByRole('textbox', { name: 'Note at current time' })).toBeFocused();
  } finally {
    await app.close();
  }
});

/**
 * What the background's "Review this call" does (lib/handlers/call-reviews.ts
 * reviewThisCall): inject the calls script into the tab's Dealside world again,
 * then ask it to open the panel. The injection needs activeTab, which only a
 * person's click grants, so the test evaluates the same built file in that
 * same isolated world over CDP. Returns the content script's answer.
 */
async function reviewThisCallAgain(app: CallReviewApp, page: Page): Promise<unknown> {
  expect(await dealsideRanIn(app.context, page), 'the calls script runs in a Dealside isolated world').toBe(true);
  const inDealside = await dealsideWorld(app.context, page);
  // run as the background's injection runs it (its value is not wanted); throws on an exception there
  await inDealside(`${readFileSync(join(EXTENSION_DIR, 'calls.js'), 'utf8')}\n;void 0`);
  await page.bringToFront();
  const worker = app.context.serviceWorkers()[0]!;
  return worker.evaluate(async () => {
    const api = (globalThis as unknown as { chrome: typeof import('webextension-polyfill') }).chrome;
    const [tab] = await api.tabs.query({ active: true, lastFocusedWindow: true });
    return api.tabs.sendMessage(tab!.id!, { kind: 'dealside/calls-open' }, { frameId: 0 });
  });
}

test('"Review this call" injects the script again where it already runs: one panel, and it works', async () => {
  const app = await launchWithExtension();
  try {
    const page = await openRecording(app, 'https://app.gong.io/**', 'test/fixtures/calls/gong-call.html', GONG_URL);
    await page.waitForSelector('dealside-call-review', { state: 'attached' });
    expect(await reviewThisCallAgain(app, page)).toEqual({ opened: true });
    const panel = await panelFrame(page);
    // one host and one panel frame in the page
    expect(await page.locator('dealside-call-review').count()).toBe(1);
    expect(page.frames().filter((f) => f.url().includes('/call-review.html'))).toHaveLength(1);
    // and the running copy answers the panel's media questions
    await playUntil(page, '#player', 2);
    await pin(panel, 'After re-injection', 'Enter');
    await expect(panel.getByRole('list', { name: 'Pinned notes' }).getByRole('listitem')).toContainText('0:02');
    // counted again after that round trip, when a second copy's host or frame would be there too
    await expect(page.locator('dealside-call-review')).toHaveCount(1);
    expect(page.frames().filter((f) => f.url().includes('/call-review.html'))).toHaveLength(1);
  } finally {
    await app.close();
  }
});

test('"Review this call" again with the panel open leaves it as it is: the note being typed and the focus stay', async () => {
  const app = await launchWithExtension();
  try {
    const page = await openRecording(app, 'https://app.gong.io/**', 'test/fixtures/calls/gong-call.html', GONG_URL);
    const panel = await openPanel(page);
    const note = panel.getByRole('region', { name: 'Call review' }).getByRole('textbox', { name: 'Note at current time' });
    await note.fill('Half a thought about pricing');
    expect(await reviewThisCallAgain(app, page)).toEqual({ opened: true });
    // the running copy was left running: the same frame, not one rebuilt empty
    expect(panel.isDetached()).toBe(false);
    expect(page.frames().filter((f) => f.url().includes('/call-review.html'))).toHaveLength(1);
    await expect(note).toHaveValue('Half a thought about pricing');
    await expect(note).toBeFocused();
    // still one copy, after the panel answered (a second frame would have loaded by now)
    await pin(panel, 'Pricing came up', 'Enter');
    await expect(page.locator('dealside-call-review')).toHaveCount(1);
    expect(page.frames().filter((f) => f.url().includes('/call-review.html'))).toHaveLength(1);
  } finally {
    await app.close();
  }
});

test('the panel framed anywhere but by the recording page itself shows no review, only why', async () => {
  const app = await launchWithExtension();
  try {
    const page = await openRecording(app, 'https://app.gong.io/**', 'test/fixtures/calls/gong-call.html', GONG_URL);
    const region = (await openPanel(page)).getByRole('region', { name: 'Call review' });
    await expect(region.getByRole('heading', { level: 1 })).toHaveText('Acme Corp — Discovery call');
    const panelUrl = `chrome-extension://${app.extensionId}/call-review.html`;
    // A widget inside the recording page frames the panel (web-accessible everywhere) to overlay it and steer clicks,
    // at the session's random address: the only one a page can load it at, served as the fixed id's (the frames' addresses).
    const reachable = `chrome-extension://${await dynamicExtensionId(app.context)}/call-review.html`;
    await app.context.route('https://widget.example/**', (route) =>
      route.fulfill({ status: 200, contentType: 'text/html', body: `<iframe src="${reachable}" style="width:400px;height:600px"></iframe>` }),
    );
    await page.evaluate(() => {
      const f = document.createElement('iframe');
      f.src = 'https://widget.example/embed';
      document.body.append(f);
    });
    await expect.poll(() => page.frames().filter((f) => withoutToken(f.url()) === panelUrl).length, { timeout: 10_000 }).toBe(2);
    const nested = page.frames().find((f) => withoutToken(f.url()) === panelUrl && f.parentFrame() !== page.mainFrame())!;
    const misplaced = nested.getByRole('region', { name: 'Call review' });
    await expect(misplaced.getByRole('alert')).toHaveText(/only beside the recording it belongs to/);
    await expect(misplaced.getByRole('button', { name: 'Complete review' })).toHaveCount(0);
    await expect(misplaced.getByRole('radio')).toHaveCount(0);

    // The next site in the same tab (the tab still holds the call: no calls script runs there) frames it at the top.
    await app.context.route('https://evil.example/**', (route) =>
      route.fulfill({ status: 200, contentType: 'text/html', body: `<iframe src="${reachable}" style="width:400px;height:600px"></iframe>` }),
    );
    await page.goto('https://evil.example/');
    await expect.poll(() => page.frames().filter((f) => withoutToken(f.url()) === panelUrl).length, { timeout: 10_000 }).toBe(1);
    const framed = page.frames().find((f) => withoutToken(f.url()) === panelUrl)!.getByRole('region', { name: 'Call review' });
    // The background sees the tab is on another site (Chromium tells it the tab's address) and
    // hands out no call; where it cannot tell, the panel's own framing check refuses.
    await expect(framed).toContainText(/only beside the recording it belongs to|not a recording Dealside knows/);
    await expect(framed.getByRole('button', { name: 'Complete review' })).toHaveCount(0);
    await expect(framed.getByText('Acme Corp — Discovery call')).toHaveCount(0);
  } finally {
    await app.close();
  }
});

test('a collapsed panel is out of the tab order', async () => {
  const app = await launchWithExtension();
  try {
    const page = await openRecording(app, 'https://app.gong.io/**', 'test/fixtures/calls/gong-call.html', GONG_URL);
    const panel = await openPanel(page);
    await expect(panel.getByRole('region', { name: 'Call review' }).getByRole('heading', { level: 1 })).toBeVisible();
    const viewport = page.viewportSize()!;
    const atPanel = () => page.evaluate(([x, y]) => document.elementFromPoint(x!, y!)?.localName, [viewport.width - 100, viewport.height / 2]);
    // the probe can tell: open, the panel is where the point is, and it can hold the keyboard
    expect(await atPanel()).toBe('dealside-call-review');
    expect(
      await panel.evaluate(() => {
        document.querySelector<HTMLElement>('textarea, input, button')?.focus();
        return document.hasFocus();
      }),
    ).toBe(true);
    // (this test's one CI failure fits clicking before the browser had taken that focus)
    await pageSeesFocusIn(page, 'dealside-call-review');
    // Hide it with its own tab (keyboard focus moves to that tab), then Tab on.
    await page.mouse.click(viewport.width - 380 - 12, viewport.height / 2);
    await expect.poll(atPanel).not.toBe('dealside-call-review'); // slid away: the page is under the point again
    await expect.poll(() => panel.evaluate(() => document.hasFocus())).toBe(false);
    for (let i = 0; i < 3; i++) {
      await page.keyboard.press('Tab');
      expect(await panel.evaluate(() => document.hasFocus())).toBe(false);
    }
  } finally {
    await app.close();
  }
});

test('the review timer counts while the panel is open, not while it is hidden away at the page edge', async () => {
  const app = await launchWithExtension();
  try {
    const page = await openRecording(app, 'https://app.gong.io/**', 'test/fixtures/calls/gong-call.html', GONG_URL);
    const panel = await openPanel(page);
    const timer = panel.getByRole('region', { name: 'Call review' }).locator('p.timer');
    const seconds = async () => {
      const [m, s] = ((await timer.getAttribute('aria-label')) ?? '').replace('Review time ', '').split(/[: ]/).map(Number);
      return m! * 60 + s!;
    };
    await expect.poll(seconds, { timeout: 10_000 }).toBeGreaterThanOrEqual(2); // counting while open
    const viewport = page.viewportSize()!;
    await page.mouse.click(viewport.width - 380 - 12, viewport.height / 2); // its own tab: hide it
    const hiddenAt = await seconds();
    await page.waitForTimeout(6000);
    await page.mouse.click(viewport.width - 12, viewport.height / 2); // and show it again
    await expect(panel.getByRole('region', { name: 'Call review' })).toBeVisible();
    // six seconds hidden add nothing (two of slack: the shown second lags the count by up to one,
    // and the slide and the clicks take a moment)
    expect(await seconds()).toBeLessThanOrEqual(hiddenAt + 2);
    await expect.poll(seconds, { timeout: 10_000 }).toBeGreaterThanOrEqual(hiddenAt + 2); // and it counts again
  } finally {
    await app.close();
  }
});

test('a second panel on the same call follows the first and never reverts its completed review', async () => {
  const app = await launchWithExtension();
  try {
    const first = await openRecording(app, 'https://app.gong.io/**', 'test/fixtures/calls/gong-call.html', GONG_URL);
    const one = (await openPanel(first)).getByRole('region', { name: 'Call review' });
    const second = await app.context.newPage();
    await second.goto(GONG_URL);
    const two = (await openPanel(second)).getByRole('region', { name: 'Call review' });
    await expect(two.getByText('Not started')).toBeVisible();

    // An edit in one panel shows in the other.
    await second.bringToFront();
    await two.getByRole('radiogroup', { name: 'Discovery' }).getByRole('radio', { name: '2' }).check();
    await expect(two.getByText('Saved')).toBeVisible();
    await expect(one.getByRole('radiogroup', { name: 'Discovery' }).getByRole('radio', { name: '2' })).toBeChecked();

    // The first completes it; the second shows it completed.
    await first.bringToFront();
    await one.getByRole('radiogroup', { name: 'Discovery' }).getByRole('radio', { name: '4' }).check();
    await one.getByRole('button', { name: 'Complete review' }).click();
    await expect(one.getByRole('status').filter({ hasText: 'Review completed.' })).toBeVisible();
    await expect(two.getByText(/^Completed/)).toBeVisible();
    await expect(two.getByRole('radiogroup', { name: 'Discovery' }).getByRole('radio', { name: '4' })).toBeChecked();

    // The second panel's time flush (on hide) records time only: still completed, for both.
    await second.bringToFront();
    await (await panelFrame(second)).evaluate(() => window.dispatchEvent(new Event('pagehide')));
    await second.waitForTimeout(500);
    await second.reload();
    const again = (await panelFrame(second)).getByRole('region', { name: 'Call review' });
    await expect(again.getByText(/^Completed/)).toBeVisible();
    await expect(again.getByRole('radiogroup', { name: 'Discovery' }).getByRole('radio', { name: '4' })).toBeChecked();
    await expect(one.getByText(/^Completed/)).toBeVisible();
  } finally {
    await app.close();
  }
});

test('a save refused as stale shows the review as stored, and the edit autosave left pending sends nothing after it', async () => {
  const app = await launchWithExtension();
  try {
    const page = await openRecording(app, 'https://app.gong.io/**', 'test/fixtures/calls/gong-call.html', GONG_URL);
    const panel = await openPanel(page);
    const region = panel.getByRole('region', { name: 'Call review' });
    await region.getByRole('radiogroup', { name: 'Discovery' }).getByRole('radio', { name: '2' }).check();
    await expect(region.getByText('Saved')).toBeVisible();

    // The stored review moves on behind this panel's back (as another panel's save does when
    // its change event has not arrived yet): a newer version, no event.
    const worker = app.context.serviceWorkers()[0]!;
    const bumpedTo = '2099-01-01T00:00:00.000Z';
    const stored = () =>
      worker.evaluate(
        () =>
          new Promise<{ updatedAt: string; count: number }>((resolve, reject) => {
            const open = indexedDB.open('dealside');
            open.onerror = () => reject(open.error);
            open.onsuccess = () => {
              const all = open.result.transaction('callReviews').objectStore('callReviews').getAll();
              all.onsuccess = () => {
                const list = all.result as { updatedAt: string }[];
                resolve({ updatedAt: list[0]!.updatedAt, count: list.length });
                open.result.close();
              };
            };
          }),
      );
    await worker.evaluate(
      (at) =>
        new Promise<void>((resolve, reject) => {
          const open = indexedDB.open('dealside');
          open.onerror = () => reject(open.error);
          open.onsuccess = () => {
            const tx = open.result.transaction('callReviews', 'readwrite');
            const store = tx.objectStore('callReviews');
            const all = store.getAll();
            all.onsuccess = () => {
              for (const r of all.result as { updatedAt: string }[]) store.put({ ...r, updatedAt: at });
            };
            tx.oncomplete = () => {
              open.result.close();
              resolve();
            };
          };
        }),
      bumpedTo,
    );

    // In one task: an edit (its autosave due 600 ms later) and "Complete review" (sent at once, on the old version).
    await panel.evaluate(() => {
      const group = [...document.querySelectorAll('fieldset[role="radiogroup"]')].find((g) => g.querySelector('legend')?.textContent === 'Discovery');
      const radio = group?.querySelector<HTMLInputElement>('input[type="radio"][value="4"]');
      const complete = [...document.querySelectorAll('button')].find((b) => b.textContent?.trim() === 'Complete review');
      if (!radio || !complete) throw new Error('fixture: no Discovery 4 or Complete review');
      radio.click();
      complete.click();
    });
    const refused = region.getByText(/^Not saved: this review was changed in another Dealside panel/);
    await expect(refused).toBeVisible();
    // the edit's autosave comes due after the refusal: it must send nothing (no new version, the warning stays)
    await page.waitForTimeout(1_500);
    await expect(refused).toBeVisible();
    expect(await stored()).toEqual({ updatedAt: bumpedTo, count: 1 });
    await expect(region.getByRole('radiogroup', { name: 'Discovery' }).getByRole('radio', { name: '2' })).toBeChecked();
  } finally {
    await app.close();
  }
});

/**
 * The Gong call's panel open, and what its covered-click guard believes of the frame
 * (Chromium's IntersectionObserver v2 answer, kept on its own element).
 */
async function gongPanelWithGuard(app: CallReviewApp) {
  const page = await openRecording(app, 'https://app.gong.io/**', 'test/fixtures/calls/gong-call.html', GONG_URL);
  const panel = await openPanel(page);
  const region = panel.getByRole('region', { name: 'Call review' });
  await expect(region.getByRole('heading', { level: 1 })).toHaveText('Acme Corp — Discovery call');
  const shownAsDrawn = () => panel.locator('[data-covered-click-viewport]').getAttribute('data-shown');
  return { page, panel, region, shownAsDrawn };
}

test('a click on the call panel while the recording page draws over it is refused and said so; uncovered, it is taken', async () => {
  const app = await launchWithExtension();
  try {
    const { page, panel, region, shownAsDrawn } = await gongPanelWithGuard(app);
    const four = region.getByRole('radiogroup', { name: 'Discovery' }).getByRole('radio', { name: '4' });
    // the guard watches while the pointer is in the frame, as a person's is before they press
    await region.getByRole('heading', { level: 1 }).hover();
    await expect.poll(shownAsDrawn).toBe('true');
    // The recording page lays a decoy over the panel that lets clicks through to it.
    await page.evaluate(() => {
      const decoy = document.createElement('div');
      decoy.id = 'decoy';
      decoy.style.cssText = 'position:fixed;inset:0 0 0 auto;width:700px;background:rgba(255,255,255,.9);z-index:2147483647;pointer-events:none';
      // after Dealside's own host (on <html>) at the same z-index: drawn over it, as a page always can
      document.documentElement.append(decoy);
    });
    await four.hover();
    await expect.poll(shownAsDrawn).toBe('false');
    await four.click();
    await expect(panel.getByRole('alert').filter({ hasText: 'Dealside ignored that click' })).toBeVisible();
    await expect(four).not.toBeChecked();
    await page.evaluate(() => document.getElementById('decoy')?.remove());
    await expect.poll(shownAsDrawn).toBe('true');
    await four.click();
    await expect(four).toBeChecked();
    await expect(panel.getByRole('alert').filter({ hasText: 'Dealside ignored that click' })).toHaveCount(0);
  } finally {
    await app.close();
  }
});

test('a help button the recording page keeps over a corner of the call panel: the panel makes room for it, and both take clicks', async () => {
  const app = await launchWithExtension();
  try {
    const { page, panel, region, shownAsDrawn } = await gongPanelWithGuard(app);
    const frameBottom = async () => ((b) => b.y + b.height)((await (await panel.frameElement()).boundingBox())!);
    const bottom = await frameBottom();
    // the page listens for messages: nothing of the panel's may reach it
    await page.evaluate(() => {
      const w = window as unknown as { heard: string[] };
      w.heard = [];
      addEventListener('message', (e) => w.heard.push(e.origin));
    });
    const helpTop = await page.evaluate(() => {
      const help = document.createElement('button');
      help.id = 'help';
      help.textContent = '?';
      help.style.cssText = 'position:fixed;right:32px;bottom:24px;width:56px;height:56px;border-radius:50%;z-index:2147483647';
      help.onclick = () => (help.dataset.clicked = 'yes');
      document.documentElement.append(help);
      return help.getBoundingClientRect().top;
    });
    // the pointer comes into the panel: drawn over, it asks, and ends above the button
    await region.getByRole('heading', { level: 1 }).hover();
    await expect.poll(frameBottom).toBeLessThanOrEqual(helpTop);
    expect(bottom).toBeGreaterThan(helpTop);
    await expect.poll(shownAsDrawn).toBe('true');
    const four = region.getByRole('radiogroup', { name: 'Discovery' }).getByRole('radio', { name: '4' });
    await four.click();
    await expect(four).toBeChecked();
    await expect(panel.getByRole('alert').filter({ hasText: 'Dealside ignored that click' })).toHaveCount(0);
    await page.locator('#help').click();
    await expect(page.locator('#help')).toHaveAttribute('data-clicked', 'yes');
    expect(await page.evaluate(() => (window as unknown as { heard: string[] }).heard)).toEqual([]);
  } finally {
    await app.close();
  }
});
