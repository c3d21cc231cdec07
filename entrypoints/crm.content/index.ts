/**
 * CRM content script, stage one: runs on every page of every CRM host, so it
 * is tiny. It only asks whether the address may be a deal record; if so it
 * loads the deal reader (stage two, `crm-reader.js`, ~20 KB) into this same
 * isolated world and hands it every address change. Setup pages, lists and
 * reports never load the reader. The context (ctx) owns every listener, so an
 * extension update or reload cleans up after itself.
 */
import { browser } from 'wxt/browser';
import { CRM_MATCHES } from '../../lib/crm/match-patterns';
import { mayBeDealPage } from '../../lib/crm/deal-hints';
import type { DealReader } from './reader';

declare global {
  // set by crm-reader.js when it loads (isolated world only: the page cannot see it)
  var __dealsideReader: DealReader | undefined;
}

export default defineContentScript({
  matches: CRM_MATCHES,
  runAt: 'document_idle',
  main(ctx) {
    let href = location.href;
    let loading: Promise<void> | null = null;

    const loadReader = () =>
      (loading ??= import(/* @vite-ignore */ browser.runtime.getURL('/crm-reader.js'))
        .then(() => globalThis.__dealsideReader?.sync(href))
        .catch((e) => console.warn('Dealside could not load its deal reader', e)));

    const sync = (next: string) => {
      href = next;
      if (globalThis.__dealsideReader) globalThis.__dealsideReader.sync(next);
      else if (mayBeDealPage(new URL(next))) void loadReader();
    };

    // The Navigation API fires before location.href changes: use the event's new address.
    ctx.addEventListener(window, 'wxt:locationchange', (e) => sync(e.newUrl.href));
    ctx.onInvalidated(() => {
      globalThis.__dealsideReader?.stop();
      globalThis.__dealsideReader = undefined;
    });
    sync(location.href);
  },
});
