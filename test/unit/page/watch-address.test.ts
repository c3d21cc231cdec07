import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { POLL_MS, watchAddress } from '../../../lib/page/watch-address';

const page = globalThis as unknown as { location?: { href: string }; navigation?: unknown };

beforeEach(() => {
  page.location = { href: 'https://acme.lightning.force.com/lightning/o/Opportunity/list' };
});
afterEach(() => {
  delete page.location;
  delete page.navigation;
  vi.useRealTimers();
});

interface NavigateOptions {
  /** an `<a download>` click, or a navigation answered with a download */
  download?: boolean;
  /** a navigation to another document (a full load: this page goes away) */
  crossDocument?: boolean;
  /** cancelled (preventDefault, or a 204 / another navigation first) */
  cancelled?: boolean;
  /** the new entry has no address to give (currentEntry null) */
  noEntry?: boolean;
}

/**
 * A stand-in for the Navigation API: `navigate` fires for every navigation,
 * like Chromium's; the current entry (and `currententrychange`) changes only
 * when this document's address really does. Honours listeners' abort signals.
 */
function fakeNavigation() {
  const listeners: Record<string, Set<(e?: unknown) => void>> = { navigate: new Set(), currententrychange: new Set() };
  const nav = {
    currentEntry: { url: page.location!.href } as { url: string } | null,
    addEventListener(type: string, l: (e?: unknown) => void, { signal }: { signal: AbortSignal }) {
      listeners[type]?.add(l);
      signal.addEventListener('abort', () => listeners[type]?.delete(l));
    },
  };
  page.navigation = nav;
  const navigate = (url: string, o: NavigateOptions = {}) => {
    const event = { destination: { url, sameDocument: !o.crossDocument }, downloadRequest: o.download ? '' : null };
    for (const l of listeners.navigate!) l(event);
    if (o.download || o.crossDocument || o.cancelled) return;
    page.location!.href = url;
    nav.currentEntry = o.noEntry ? null : { url };
    for (const l of listeners.currententrychange!) l();
  };
  return { navigate, listening: () => listeners.navigate!.size + listeners.currententrychange!.size };
}

describe('watchAddress', () => {
  it('with the Navigation API: reports each new address once, as it changes, until aborted', () => {
    const nav = fakeNavigation();
    const seen: string[] = [];
    const lifetime = new AbortController();
    watchAddress((href) => seen.push(href), lifetime.signal);
    nav.navigate('https://acme.lightning.force.com/lightning/o/Opportunity/list'); // where it already is
    nav.navigate('https://acme.lightning.force.com/lightning/r/Opportunity/0065g00000AcmeQAAS/view');
    nav.navigate('https://acme.lightning.force.com/lightning/r/Opportunity/0065g00000AcmeQAAS/view');
    nav.navigate('https://acme.lightning.force.com/lightning/r/Opportunity/0065g00000GlobexAA/view');
    lifetime.abort();
    expect(nav.listening()).toBe(0);
    nav.navigate('https://acme.lightning.force.com/lightning/o/Opportunity/list');
    expect(seen).toEqual([
      'https://acme.lightning.force.com/lightning/r/Opportunity/0065g00000AcmeQAAS/view',
      'https://acme.lightning.force.com/lightning/r/Opportunity/0065g00000GlobexAA/view',
    ]);
  });

  it('does not report navigations that leave the address as it is (was: a download link read as the new address)', () => {
    const nav = fakeNavigation();
    const seen: string[] = [];
    watchAddress((href) => seen.push(href), new AbortController().signal);
    const deal = 'https://acme.lightning.force.com/lightning/r/Opportunity/0065g00000AcmeQAAS/view';
    nav.navigate(deal);
    // a quote PDF downloaded from the deal, a link to another site, a navigation the CRM cancels
    nav.navigate('https://acme.file.force.com/sfc/servlet.shepherd/document/download/0695g00000Quote', { download: true });
    nav.navigate('https://acme.my.salesforce.com/secur/logout.jsp', { crossDocument: true });
    nav.navigate('https://acme.lightning.force.com/lightning/o/Opportunity/list', { cancelled: true });
    expect(seen).toEqual([deal]);
    // … and the next real move is still reported
    nav.navigate('https://acme.lightning.force.com/lightning/o/Opportunity/list');
    expect(seen).toEqual([deal, 'https://acme.lightning.force.com/lightning/o/Opportunity/list']);
  });

  it('falls back to location.href when the entry has no address', () => {
    const nav = fakeNavigation();
    const seen: string[] = [];
    watchAddress((href) => seen.push(href), new AbortController().signal);
    nav.navigate('https://app.gong.io/call?id=2');
    nav.navigate('https://app.gong.io/call?id=3', { noEntry: true });
    expect(seen).toEqual(['https://app.gong.io/call?id=2', 'https://app.gong.io/call?id=3']);
  });

  it('without it (Firefox): polls the address every second, until aborted', () => {
    vi.useFakeTimers();
    const seen: string[] = [];
    const lifetime = new AbortController();
    watchAddress((href) => seen.push(href), lifetime.signal);
    vi.advanceTimersByTime(POLL_MS * 2);
    expect(seen).toEqual([]);
    page.location!.href = 'https://app.gong.io/call?id=2';
    vi.advanceTimersByTime(POLL_MS - 1);
    expect(seen).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(seen).toEqual(['https://app.gong.io/call?id=2']);
    lifetime.abort();
    page.location!.href = 'https://app.gong.io/call?id=3';
    vi.advanceTimersByTime(POLL_MS * 3);
    expect(seen).toEqual(['https://app.gong.io/call?id=2']);
    expect(vi.getTimerCount()).toBe(0);
  });
});
