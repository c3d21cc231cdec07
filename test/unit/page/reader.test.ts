import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { DealSnapshot } from '../../../lib/crm/types';

// The reader's DOM parts are stand-ins: what is tested is when it stops them.
const hosts: { show: ReturnType<typeof vi.fn>; hide: ReturnType<typeof vi.fn>; destroy: ReturnType<typeof vi.fn>; applyPrefs: ReturnType<typeof vi.fn>; toggleCollapsed: ReturnType<typeof vi.fn>; onPrefsChange: (p: object) => void }[] = [];
const watchers: { stop: ReturnType<typeof vi.fn>; report: (s: DealSnapshot | null) => void; previous?: string }[] = [];
let reportOnStart: DealSnapshot | null = null;

vi.mock('../../../entrypoints/crm-reader/frame-host', () => ({
  createFrameHost: (onPrefsChange: (p: object) => void) => {
    const host = { show: vi.fn(), hide: vi.fn(), destroy: vi.fn(), applyPrefs: vi.fn(), toggleCollapsed: vi.fn(), onPrefsChange };
    hosts.push(host);
    return host;
  },
}));
vi.mock('../../../entrypoints/crm-reader/snapshot-watcher', async (real) => ({
  // what was read is compared as the reader gives it: the real function
  contentOf: (await real<typeof import('../../../entrypoints/crm-reader/snapshot-watcher')>()).contentOf,
  watchDeal: (_a: unknown, _d: unknown, report: (s: DealSnapshot | null) => void, previous?: string) => {
    const w = { stop: vi.fn(), report, previous };
    watchers.push(w);
    if (reportOnStart) report(reportOnStart);
    return w;
  },
}));

const { createDealReader } = await import('../../../entrypoints/crm-reader/reader');

const DEAL = 'https://acme.lightning.force.com/lightning/r/Opportunity/0065g00000AcmeQAAS/view';
const OTHER = 'https://acme.lightning.force.com/lightning/r/Opportunity/0065g00000GlobexAA/view';
const snapshot = { name: 'Acme renewal' } as DealSnapshot;
const invalidated = () => {
  throw new Error('Extension context invalidated.');
};

const ID = fakeBrowser.runtime.id;
beforeEach(() => {
  fakeBrowser.reset();
  (fakeBrowser.runtime as { id?: string }).id = ID; // reset() leaves it as a test set it
  hosts.length = 0;
  watchers.length = 0;
  reportOnStart = null;
});
afterEach(() => {
  vi.restoreAllMocks();
  globalThis.__dealsideReader = undefined;
});

describe('deal reader after an extension reload or update', () => {
  it('a send that throws synchronously stops the reader (watcher stopped, sidebar removed), and nothing throws', async () => {
    const send = vi.spyOn(fakeBrowser.runtime, 'sendMessage').mockResolvedValue({ ok: true, data: { width: 400, collapsed: false } });
    const reader = createDealReader();
    globalThis.__dealsideReader = reader;
    reader.sync(DEAL);
    await Promise.resolve();
    expect(hosts).toHaveLength(1);
    expect(watchers).toHaveLength(1);

    send.mockImplementation(invalidated);
    expect(() => watchers[0]!.report(snapshot)).not.toThrow();
    expect(watchers[0]!.stop).toHaveBeenCalledTimes(1);
    expect(hosts[0]!.destroy).toHaveBeenCalledTimes(1);
    // a new copy of the reader may register itself
    expect(globalThis.__dealsideReader).toBeUndefined();

    // the sidebar's own buttons, the next address, a second stop: nothing more happens
    const calls = send.mock.calls.length;
    expect(() => hosts[0]!.onPrefsChange({ collapsed: true })).not.toThrow();
    reader.sync(OTHER);
    reader.siteChanged();
    reader.stop();
    expect(send.mock.calls.length).toBe(calls);
    expect(watchers).toHaveLength(1);
    expect(hosts).toHaveLength(1);
    expect(hosts[0]!.destroy).toHaveBeenCalledTimes(1);
  });

  it('stops when the runtime has no id any more, without calling sendMessage', () => {
    const send = vi.spyOn(fakeBrowser.runtime, 'sendMessage').mockResolvedValue(undefined);
    const reader = createDealReader();
    reader.sync(DEAL);
    const calls = send.mock.calls.length;
    (fakeBrowser.runtime as { id?: string }).id = undefined;
    hosts[0]!.onPrefsChange({ width: 500 });
    expect(send.mock.calls.length).toBe(calls);
    expect(watchers[0]!.stop).toHaveBeenCalled();
    expect(hosts[0]!.destroy).toHaveBeenCalled();
  });

  it('stops when a send is rejected because the context went away meanwhile', async () => {
    vi.spyOn(fakeBrowser.runtime, 'sendMessage').mockImplementation(() => {
      (fakeBrowser.runtime as { id?: string }).id = undefined;
      return Promise.reject(new Error('Extension context invalidated.'));
    });
    const reader = createDealReader();
    reader.sync(DEAL);
    await new Promise((r) => setTimeout(r, 0));
    expect(watchers[0]!.stop).toHaveBeenCalled();
    expect(hosts[0]!.destroy).toHaveBeenCalled();
    // the saved layout's answer never reaches the removed sidebar
    expect(hosts[0]!.applyPrefs).not.toHaveBeenCalled();
  });

  it('a watcher whose first read finds the extension gone is stopped too', () => {
    vi.spyOn(fakeBrowser.runtime, 'sendMessage').mockResolvedValue(undefined);
    const reader = createDealReader();
    reader.sync(DEAL);
    vi.spyOn(fakeBrowser.runtime, 'sendMessage').mockImplementation(invalidated);
    reportOnStart = snapshot;
    expect(() => reader.sync(OTHER)).not.toThrow();
    // the first deal's watcher, stopped by the move, and the new deal's, stopped by its first read
    expect(watchers).toHaveLength(2);
    expect(watchers[0]!.stop).toHaveBeenCalled();
    expect(watchers[1]!.stop).toHaveBeenCalledTimes(1);
  });

  it('a live extension that does not answer (background asleep) stops nothing', async () => {
    vi.spyOn(fakeBrowser.runtime, 'sendMessage').mockRejectedValue(new Error('Could not establish connection. Receiving end does not exist.'));
    const reader = createDealReader();
    reader.sync(DEAL);
    watchers[0]!.report(snapshot);
    await new Promise((r) => setTimeout(r, 0));
    expect(watchers[0]!.stop).not.toHaveBeenCalled();
    expect(hosts[0]!.destroy).not.toHaveBeenCalled();
    expect(hosts[0]!.applyPrefs).toHaveBeenCalledWith({});
  });
});

describe('deal reader: the deal just left', () => {
  const ACCOUNT = 'https://acme.lightning.force.com/lightning/r/Account/0015g00000AcmeAcAA/view';
  it("tells the next deal's watcher what was last read (not the record's id, address or time), but not when it is that same deal again", async () => {
    vi.spyOn(fakeBrowser.runtime, 'sendMessage').mockResolvedValue({ ok: true, data: { width: 400, collapsed: false } });
    const reader = createDealReader();
    reader.sync(DEAL);
    expect(watchers[0]!.previous).toBeUndefined(); // nothing read on this page yet
    watchers[0]!.report({ ...snapshot, recordId: '0065g00000AcmeQAAS', url: DEAL, readAt: '2026-11-27T10:00:00.000Z' } as DealSnapshot);
    reader.sync(OTHER);
    // Acme may still be on screen: the same fields read under Globex's id, address and time are Acme's
    const again = { ...snapshot, recordId: '0065g00000GlobexAA', url: OTHER, readAt: '2026-11-27T10:00:01.000Z' } as DealSnapshot;
    expect(watchers[1]!.previous).toBe(JSON.stringify({ ...again, recordId: 0, url: 0, readAt: 0 }));
    reader.sync(ACCOUNT); // no deal: no watcher
    reader.sync(DEAL);
    // Acme again: its name on screen is what is expected (Globex was never read)
    expect(watchers[2]!.previous).toBeUndefined();
    reader.stop();
  });
});

describe('deal reader: the layout the first stage asked for while it loaded', () => {
  const prefsAsked = (send: { mock: { calls: unknown[][] } }) => send.mock.calls.filter(([m]) => (m as { type?: string }).type === 'page/sidebarPrefs').length;

  it("puts up the first address's sidebar with that answer, without asking again", async () => {
    const send = vi.spyOn(fakeBrowser.runtime, 'sendMessage').mockResolvedValue({ ok: true, data: { width: 300, collapsed: false } });
    const reader = createDealReader(Promise.resolve({ ok: true, data: { width: 480, collapsed: true, theme: 'dark' } }));
    reader.sync(DEAL);
    await new Promise((r) => setTimeout(r, 0));
    expect(prefsAsked(send)).toBe(0);
    expect(hosts[0]!.applyPrefs).toHaveBeenCalledWith({ width: 480, collapsed: true, theme: 'dark' });
  });

  it('an early answer that failed leaves the defaults, as a failed ask does', async () => {
    vi.spyOn(fakeBrowser.runtime, 'sendMessage').mockResolvedValue(undefined);
    const reader = createDealReader(Promise.resolve(undefined));
    reader.sync(DEAL);
    await new Promise((r) => setTimeout(r, 0));
    expect(hosts[0]!.applyPrefs).toHaveBeenCalledWith({});
  });

  it('an extension reloaded while the reader loaded: no sidebar is put up with the early answer', async () => {
    const send = vi.spyOn(fakeBrowser.runtime, 'sendMessage').mockResolvedValue(undefined);
    const reader = createDealReader(Promise.resolve(undefined));
    globalThis.__dealsideReader = reader;
    (fakeBrowser.runtime as { id?: string }).id = undefined;
    reader.sync(DEAL);
    await new Promise((r) => setTimeout(r, 0));
    expect(hosts).toHaveLength(0);
    expect(watchers).toHaveLength(0);
    expect(send).not.toHaveBeenCalled();
    expect(globalThis.__dealsideReader).toBeUndefined();
  });

  it('is dropped when the first address puts up no sidebar: a later deal asks afresh', async () => {
    const send = vi.spyOn(fakeBrowser.runtime, 'sendMessage').mockResolvedValue({ ok: true, data: { width: 300, collapsed: false } });
    const reader = createDealReader(Promise.resolve({ ok: true, data: { width: 480, collapsed: true } }));
    reader.sync('https://acme.lightning.force.com/lightning/o/Opportunity/list');
    expect(hosts).toHaveLength(0);
    reader.sync(DEAL);
    await new Promise((r) => setTimeout(r, 0));
    expect(prefsAsked(send)).toBe(1);
    expect(hosts[0]!.applyPrefs).toHaveBeenCalledWith({ width: 300, collapsed: false });
  });
});
