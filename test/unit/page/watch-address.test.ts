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

/** A stand-in for the Navigation API that honours the listener's abort signal. */
function fakeNavigation() {
  let listener: ((e: { destination: { url: string } }) => void) | null = null;
  page.navigation = {
    addEventListener(_type: string, l: typeof listener, { signal }: { signal: AbortSignal }) {
      listener = l;
      signal.addEventListener('abort', () => (listener = null));
    },
  };
  return { navigate: (url: string) => listener?.({ destination: { url } }) };
}

describe('watchAddress', () => {
  it('with the Navigation API: reports each new address once, before location changes, until aborted', () => {
    const nav = fakeNavigation();
    const seen: string[] = [];
    const lifetime = new AbortController();
    watchAddress((href) => seen.push(href), lifetime.signal);
    nav.navigate('https://acme.lightning.force.com/lightning/o/Opportunity/list'); // where it already is
    nav.navigate('https://acme.lightning.force.com/lightning/r/Opportunity/0065g00000AcmeQAAS/view');
    nav.navigate('https://acme.lightning.force.com/lightning/r/Opportunity/0065g00000AcmeQAAS/view');
    nav.navigate('https://acme.lightning.force.com/lightning/r/Opportunity/0065g00000GlobexAA/view');
    lifetime.abort();
    nav.navigate('https://acme.lightning.force.com/lightning/o/Opportunity/list');
    expect(seen).toEqual([
      'https://acme.lightning.force.com/lightning/r/Opportunity/0065g00000AcmeQAAS/view',
      'https://acme.lightning.force.com/lightning/r/Opportunity/0065g00000GlobexAA/view',
    ]);
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
