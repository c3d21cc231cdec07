import { parseHTML } from 'linkedom';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';

// The panel host is a stand-in: what is tested is what the page reports, and which panels it made.
const panels = vi.hoisted(() => [] as { open: ReturnType<typeof vi.fn>; remove: ReturnType<typeof vi.fn> }[]);
vi.mock('../../../entrypoints/calls/frame-host', () => ({
  mountPanel: () => {
    const panel = { open: vi.fn(), remove: vi.fn(), setFrameToken: vi.fn() };
    panels.push(panel);
    return panel;
  },
}));
const { startCallsPage, TITLE_WATCH_MS } = await import('../../../entrypoints/calls/calls-page');

const CALL_A = 'https://app.gong.io/call?id=7782342274025937895';
const CALL_B = 'https://app.gong.io/call?id=9876543210987654321';
const HOME = 'https://app.gong.io/home';

const g = globalThis as unknown as { document?: Document; location?: URL; MutationObserver?: unknown };
let send: { mock: { calls: unknown[][] } };
let page: { stop(): void; sync(href?: string): void } | null = null;

function open(href: string, title: string) {
  const { window, document } = parseHTML(`<!doctype html><html><head><title>${title}</title></head><body></body></html>`);
  g.document = document as unknown as Document;
  g.location = new URL(href);
  g.MutationObserver = window.MutationObserver;
}
/** An SPA move: the address changes first (what watchAddress reports), the title maybe later. */
function move(href: string) {
  g.location = new URL(href);
  page?.sync(href);
}
const reports = () =>
  send.mock.calls
    .map(([m]) => m as { type: string; call?: { callKey: string; title: string } | null })
    .filter((m) => m.type === 'calls/page')
    .map((m) => (m.call ? `${m.call.callKey} «${m.call.title}»` : 'no call'));
const settle = async () => {
  await vi.advanceTimersByTimeAsync(0);
};

beforeEach(() => {
  panels.length = 0;
  vi.useFakeTimers();
  fakeBrowser.reset();
  send = vi.spyOn(fakeBrowser.runtime, 'sendMessage').mockResolvedValue({ ok: true, data: { accepted: true, panelOpen: false } });
});
afterEach(() => {
  page?.stop();
  page = null;
  vi.useRealTimers();
  vi.restoreAllMocks();
  delete g.document;
  delete g.location;
  delete g.MutationObserver;
});

describe('a new page in the tab', () => {
  it('that is no call reports so at once: the tab drops the call of the page before (a full load from a call)', () => {
    open(HOME, 'Home | Gong');
    page = startCallsPage();
    expect(reports()).toEqual(['no call']);
  });
  it('that is a call reports it with its own title', () => {
    open(CALL_A, 'Acme Corp — Discovery call | Gong');
    page = startCallsPage();
    expect(reports()).toEqual(['gong:7782342274025937895 «Acme Corp — Discovery call»']);
  });
});

describe('the next call’s title (an SPA sets it after the address)', () => {
  it('from a page with no call, a title the app set before the address is the call’s own', async () => {
    open(HOME, 'Home | Gong');
    page = startCallsPage();
    g.document!.title = 'Acme Corp — Discovery call | Gong';
    move(CALL_A);
    expect(reports().at(-1)).toBe('gong:7782342274025937895 «Acme Corp — Discovery call»');
  });
  it('a next call with the same title as the one before gets it, once the title watch gives up waiting for another', async () => {
    open(CALL_A, 'Weekly sync | Gong');
    page = startCallsPage();
    move(CALL_B);
    expect(reports().at(-1)).toBe('gong:9876543210987654321 «»');
    await vi.advanceTimersByTimeAsync(TITLE_WATCH_MS + 10);
    expect(reports().at(-1)).toBe('gong:9876543210987654321 «Weekly sync»');
  });

  it('never reports the call before’s title for the next call, and reports the next one’s as soon as the page sets it', async () => {
    open(CALL_A, 'Acme Corp — Discovery call | Gong');
    page = startCallsPage();
    move(CALL_B);
    expect(reports().at(-1)).toBe('gong:9876543210987654321 «»');
    await vi.advanceTimersByTimeAsync(3000); // later than the old single re-check
    g.document!.title = 'Globex — Pricing follow-up | Gong';
    await settle();
    expect(reports().at(-1)).toBe('gong:9876543210987654321 «Globex — Pricing follow-up»');
    expect(reports().filter((r) => r.startsWith('gong:9876543210987654321') && r.includes('Acme'))).toEqual([]);
  });
  it('follows the title for about 15 s, then stops watching', async () => {
    open(CALL_A, 'Acme Corp — Discovery call | Gong');
    page = startCallsPage();
    move(CALL_B);
    await vi.advanceTimersByTimeAsync(TITLE_WATCH_MS - 1000);
    g.document!.title = 'Globex — Pricing follow-up | Gong';
    await settle();
    expect(reports().at(-1)).toBe('gong:9876543210987654321 «Globex — Pricing follow-up»');
    const count = reports().length;
    await vi.advanceTimersByTimeAsync(2000);
    g.document!.title = 'Something else | Gong';
    await settle();
    expect(reports()).toHaveLength(count);
  });
  it('a title the page set before the address is the next call’s: reported at once', () => {
    open(CALL_A, 'Acme Corp — Discovery call | Gong');
    page = startCallsPage();
    g.document!.title = 'Globex — Pricing follow-up | Gong';
    move(CALL_B);
    expect(reports().at(-1)).toBe('gong:9876543210987654321 «Globex — Pricing follow-up»');
  });
  it('from a page that is no call, its title is not the call’s either', async () => {
    open(HOME, 'Home | Gong');
    page = startCallsPage();
    move(CALL_A);
    expect(reports().at(-1)).toBe('gong:7782342274025937895 «»');
    g.document!.title = 'Acme Corp — Discovery call | Gong';
    await settle();
    expect(reports().at(-1)).toBe('gong:7782342274025937895 «Acme Corp — Discovery call»');
  });
});

describe('"Review this call" where the script already runs (the background injects it again, then asks for the panel)', () => {
  const askForPanel = async () => {
    const answers: unknown[] = [];
    // the listener answers through sendResponse (a third argument the fake's typing leaves out)
    const trigger = fakeBrowser.runtime.onMessage.trigger as (...args: unknown[]) => Promise<unknown>;
    await trigger({ kind: 'dealside/calls-open' }, { id: fakeBrowser.runtime.id }, (a: unknown) => answers.push(a));
    return answers;
  };

  it('leaves the live copy running: its panel (and what is typed in it) is kept, and that copy opens it', async () => {
    open(CALL_A, 'Acme Corp — Discovery call | Gong');
    page = startCallsPage();
    expect(startCallsPage()).toBe(page);
    expect(panels).toHaveLength(1);
    expect(panels[0]!.remove).not.toHaveBeenCalled();
    expect(await askForPanel()).toEqual([{ opened: true }]); // one copy answers
    expect(panels[0]!.open).toHaveBeenCalled();
    expect(panels).toHaveLength(1);
  });

  it('replaces a copy the extension left behind (reloaded or updated under it)', async () => {
    open(CALL_A, 'Acme Corp — Discovery call | Gong');
    const orphan = startCallsPage();
    const id = fakeBrowser.runtime.id;
    (fakeBrowser.runtime as { id?: string }).id = undefined; // what an orphaned copy's runtime says
    page = startCallsPage();
    (fakeBrowser.runtime as { id?: string }).id = id;
    expect(page).not.toBe(orphan);
    expect(panels).toHaveLength(2);
    expect(panels[0]!.remove).toHaveBeenCalled();
    expect(await askForPanel()).toEqual([{ opened: true }]);
    expect(panels[1]!.open).toHaveBeenCalled();
  });

  it('starts again after a copy was stopped', () => {
    open(CALL_A, 'Acme Corp — Discovery call | Gong');
    const stopped = startCallsPage();
    stopped.stop();
    page = startCallsPage();
    expect(page).not.toBe(stopped);
    expect(panels).toHaveLength(2);
  });
});
