/**
 * Follows a page's address for a content script, SPA navigations included:
 * each new address is reported once, until `signal` aborts. With the
 * Navigation API (Chromium) the address is taken when the page's current
 * history entry changes (`currententrychange`: pushState/replaceState, an
 * intercepted navigation once it commits, back/forward within the page), in
 * the same task as the change. Not the `navigate` event: it also fires for
 * `<a download>` clicks, for navigations that end as downloads or 204s, for
 * ones later cancelled and for ones that load a new document (whose own
 * content script starts), none of which changes this page's address.
 * Without the API (Firefox ESR) the address is polled every second. Web APIs
 * only, no extension calls: both content scripts (crm-watch.ts,
 * calls/index.ts) use it.
 */

/** The part of the Navigation API used here. */
interface NavigationLike {
  readonly currentEntry: { readonly url: string | null } | null;
  addEventListener(type: 'currententrychange', listener: () => void, options: { signal: AbortSignal }): void;
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
    navigation.addEventListener('currententrychange', () => seen(navigation.currentEntry?.url ?? location.href), { signal });
  } else {
    const timer = setInterval(() => seen(location.href), POLL_MS);
    signal.addEventListener('abort', () => clearInterval(timer), { once: true });
  }
}
