/**
 * CRM content script, stage one: runs on every page of every CRM host (its
 * manifest entry is in wxt.config.ts), so it is tiny and touches no extension
 * API until an address may be a deal record. Then it loads the deal reader
 * (stage two, `crm-reader.js`, ~17 KB) into this same isolated world and hands
 * it every address change. Setup pages, lists and reports never load the
 * reader and never wake Dealside.
 *
 * Why a plain script and not WXT's defineContentScript: WXT's wrapper builds a
 * ContentScriptContext on every load, which reads `browser.runtime` (bringing
 * up the extension's bindings in the page) and broadcasts a "script started"
 * window.postMessage that the CRM's own scripts receive (naming Dealside's id).
 * Measured on a 5,000-element non-deal page (9 runs each, Chromium 156):
 * 2.7–3.6 ms of main-thread script (ScriptDuration) with the wrapper, 0.8–1.1 ms without.
 * The wrapper's one job we need, stopping when the extension is reloaded or
 * updated, is the `ours` check below (lib/page/still-ours.ts).
 */
import type { browser } from 'wxt/browser';
import { likelyDealPage, mayBeDealPage, type AddressParts } from '../lib/crm/deal-hints';
import { watchAddress } from '../lib/page/watch-address';
import type { DealReader } from './crm-reader/reader';
import { stillOurs } from '../lib/page/still-ours';
import { whenShown } from '../lib/page/when-shown';

declare global {
  // set by crm-reader.js when it loads (isolated world only: the page cannot see it)
  var __dealsideReader: DealReader | undefined;
  // set by this script while it runs in the page: whether that instance still belongs to a live extension
  var __dealsideWatching: (() => boolean) | undefined;
  // set by this script on a likely deal page: the sidebar's saved layout, asked while the reader loads (taken by it)
  var __dealsideEarlyPrefs: Promise<unknown> | undefined;
}

/**
 * Looked up only when needed: the first touch brings up the extension's bindings in this page.
 * Firefox's `browser` first (its `chrome.runtime.sendMessage` returns no promise), as wxt/browser does.
 */
const extensionApi = (): typeof browser => {
  const g = globalThis as unknown as { browser?: typeof browser; chrome: typeof browser };
  return g.browser?.runtime?.id ? g.browser : g.chrome;
};

/** The address's parts: the page's own `location` when it is that address (a URL object's first use costs the page). */
const partsOf = (href: string): AddressParts => (href === location.href ? location : new URL(href));

/** An extension reload or update leaves this script running without a runtime: then it stops. */
const ours = () => stillOurs(extensionApi);

export default defineUnlistedScript(() => {
  // Once per page: Options also starts this script in tabs already open on a site the
  // user adds (lib/handlers/site-access.ts), which may have it running already.
  if (globalThis.__dealsideWatching?.()) return;
  globalThis.__dealsideWatching = ours;
  let href = location.href;
  let loading: Promise<void> | null = null;
  const watching = new AbortController();

  const loadReader = () => {
    // On a deal's address the reader will put up the sidebar, whose first need is its saved
    // layout: asked now, the answer arrives while the reader loads instead of after it.
    if (!loading && likelyDealPage(partsOf(href))) {
      try {
        const asked: unknown = extensionApi().runtime.sendMessage({ type: 'page/sidebarPrefs' });
        // a runtime whose sendMessage returns no promise: the reader asks itself, as without this
        if (typeof (asked as { then?: unknown } | undefined)?.then === 'function') {
          globalThis.__dealsideEarlyPrefs = Promise.resolve(asked).catch(() => undefined);
        }
      } catch {
        // the extension went away this instant: the reader asks (and stops) as usual
      }
    }
    return (loading ??= import(/* @vite-ignore */ extensionApi().runtime.getURL('/crm-reader.js'))
      .then(() => globalThis.__dealsideReader?.sync(href))
      .catch((e) => console.warn('Dealside could not load its deal reader', e)));
  };

  const stop = () => {
    watching.abort();
    globalThis.__dealsideReader?.stop();
    globalThis.__dealsideReader = undefined;
  };

  const sync = (next: string) => {
    href = next;
    const reader = globalThis.__dealsideReader;
    if (reader) {
      if (ours()) reader.sync(next);
      else stop();
    } else if (mayBeDealPage(partsOf(next))) {
      if (ours()) void loadReader();
      else stop();
    }
  };

  whenShown(() => {
    watchAddress(sync, watching.signal);
    sync(location.href);
  });
});
