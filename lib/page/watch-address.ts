/**
 * Follows a page's address for a content script, SPA navigations included:
 * each new address is reported once, until `signal` aborts. Chromium's
 * Navigation API tells the new address before location.href changes (a CRM
 * or player can start rendering the next record at once); without it
 * (Firefox) the address is polled every second. Web APIs only, no extension
 * calls: both content scripts (crm-watch.ts, calls/index.ts) use it.
 */

/** The part of the Navigation API used here. */
interface NavigationLike {
  addEventListener(type: 'navigate', listener: (e: { destination: { url: string } }) => void, options: { signal: AbortSignal }): void;
}

export const POLL_MS = 1000;

export function watchAddress(onAddress: (href: string) => void, signal: AbortSignal): void {
  let last = location.href;
  const seen = (href: string) => {
    if (signal.aborted || href === last) return;
    last = href;
    onAddress(href);
  };
  const navigation = (globalThis as { navigation?: NavigationLike }).navigation;
  if (navigation && typeof navigation.addEventListener === 'function') {
    navigation.addEventListener('navigate', (e) => seen(e.destination.url), { signal });
  } else {
    const timer = setInterval(() => seen(location.href), POLL_MS);
    signal.addEventListener('abort', () => clearInterval(timer), { once: true });
  }
}
