/**
 * The deal reader, loaded by the CRM content script only when an address may
 * be a deal (see lib/crm/deal-hints.ts): address → adapter → snapshot watcher
 * → report to the background → host the sidebar frame. It never stores or
 * renders coaching data (that lives in the framed sidebar). No React, no zod.
 *
 * Navigation: on every address change the watcher for the old record stops; a
 * deal address starts a new one, anything else hides the sidebar.
 */
import { browser } from 'wxt/browser';
import { adapterFor, adapterForUserSite } from '../../lib/crm/registry';
import type { CrmAdapter, DealSnapshot } from '../../lib/crm/types';
import { createFrameHost, type FrameHost, type SidebarPrefs } from './frame-host';
import { contentOf, watchDeal, type SnapshotWatcher } from './snapshot-watcher';
import { stillOurs } from '../../lib/page/still-ours';

export interface DealReader {
  /** the address changed (or is first known) */
  sync(href: string): void;
  /** the extension was reloaded or updated: remove everything */
  stop(): void;
  /** the keyboard shortcut (run by the background: lib/page/reader-calls.ts) */
  toggleSidebar(): void;
  /** Options changed this site's entry: ask again which CRM it runs (a built-in host has none to ask) */
  siteChanged(): void;
}

/**
 * `earlyPrefs`: the answer to a `page/sidebarPrefs` the first stage sent while this
 * reader loaded (entrypoints/crm-watch.ts); used for a sidebar put up by the first
 * address only (later, the layout may have changed since).
 */
export function createDealReader(earlyPrefs?: Promise<unknown>): DealReader {
  let host: FrameHost | null = null;
  let watcher: SnapshotWatcher | null = null;
  let currentKey = '';
  /** whether the background was told of a deal in this tab (else "no deal" is news to nobody) */
  let reportedDeal = false;

  /**
   * An extension reload or update leaves this script running without a runtime (the
   * check crm-watch.ts makes, lib/page/still-ours.ts): then the reader stops, observers, timers,
   * sidebar and all, and sends nothing more.
   */
  let stopped = false;
  const ours = () => stillOurs(() => browser);
  const stop = () => {
    if (stopped) return;
    stopped = true;
    watcher?.stop();
    watcher = null;
    host?.destroy();
    host = null;
    if (globalThis.__dealsideReader === reader) globalThis.__dealsideReader = undefined;
  };
  /** Never throws, never rejects: an orphaned script's sendMessage throws synchronously ("Extension context invalidated"). */
  const send = (message: object): Promise<unknown> => {
    if (!stopped) {
      try {
        if (ours()) return browser.runtime.sendMessage(message).catch(() => (ours() ? undefined : stop()));
      } catch {
        // the context went away: stop below
      }
      stop();
    }
    return Promise.resolve(undefined);
  };
  /** the deal last read on this page, and what was read: another deal's watcher waits while exactly that still shows */
  let lastRead: { key: string; content: string } | undefined;
  const report = (snapshot: DealSnapshot | null) => {
    if (snapshot) {
      lastRead = { key: currentKey, content: contentOf(snapshot) };
      // the record read: the CRM's shell is drawn by now, and the dock clears its fixed bars again
      host?.show();
    }
    if (!snapshot && !reportedDeal) return;
    reportedDeal = !!snapshot;
    void send({ type: 'page/snapshot', snapshot });
  };

  /** null once stopped (asking for the saved layout may find the extension gone) */
  const ensureHost = (): FrameHost | null => {
    if (host || stopped) return host;
    // the early answer sends nothing, so nothing below would notice an extension reloaded meanwhile
    if (earlyPrefs && !ours()) {
      stop();
      return null;
    }
    host = createFrameHost((prefs) => void send({ type: 'page/setSidebarPrefs', ...prefs }));
    // The sidebar appears once its saved layout is known: with the defaults if none can be had.
    const asked = earlyPrefs ?? send({ type: 'page/sidebarPrefs' });
    earlyPrefs = undefined;
    void asked.then((reply) => {
      const prefs = (reply as { ok?: boolean; data?: SidebarPrefs } | undefined)?.data;
      host?.applyPrefs(prefs && Number.isFinite(prefs.width) && typeof prefs.collapsed === 'boolean' ? prefs : {});
    });
    return host;
  };

  /**
   * On a host no built-in adapter owns, the content script runs because the
   * user added the site in Options: the background says which CRM it runs
   * (asked once per page, and again when the site's entry changes; never on
   * the built-in CRMs' hosts).
   */
  let askedSite = false;
  let siteCrm: string | null = null;
  let siteAdapter: CrmAdapter | null = null;
  let lastHref = '';
  const askSiteCrm = () => {
    askedSite = true;
    void send({ type: 'page/siteCrm' }).then((reply) => {
      const crm = (reply as { ok?: boolean; data?: { crm?: unknown } } | undefined)?.data?.crm;
      const next = typeof crm === 'string' ? crm : null;
      if (next === siteCrm) return;
      siteCrm = next;
      siteAdapter = next ? adapterForUserSite(next) : null;
      // the deal read with the site's CRM now (its key names the CRM), or the sidebar gone once the site is removed
      if (lastHref) sync(lastHref);
    });
  };
  const adapterOf = (url: URL): CrmAdapter | null => {
    const builtIn = adapterFor(url);
    if (builtIn) return builtIn;
    if (!askedSite) askSiteCrm();
    return siteAdapter;
  };

  const sync = (href: string) => {
    syncTo(href);
    // only a sidebar put up for the first address may take the early answer
    earlyPrefs = undefined;
  };
  const syncTo = (href: string) => {
    if (stopped) return;
    lastHref = href;
    const url = new URL(href);
    const adapter = adapterOf(url);
    const address = adapter?.parseDealAddress(url) ?? null;
    const key = address ? `${address.crm}:${address.recordId}` : '';
    if (key === currentKey) return;
    watcher?.stop();
    watcher = null;
    currentKey = key;
    if (!adapter || !address) {
      host?.hide();
      report(null);
      return;
    }
    // Until the new record's fields are read, the tab shows no deal (never the previous one).
    report(null);
    ensureHost()?.show();
    if (stopped) return;
    // back on the deal last read (deal → its account → deal): its fields showing are no sign of a stale page
    watcher = watchDeal(adapter, address, report, lastRead && lastRead.key !== key ? lastRead.content : undefined);
    // its first read may have reported, and found the extension gone
    if (stopped) {
      watcher.stop();
      watcher = null;
    }
  };

  const reader: DealReader = {
    sync,
    stop,
    toggleSidebar: () => host?.toggleCollapsed(),
    siteChanged() {
      if (askedSite && !stopped) askSiteCrm();
    },
  };
  return reader;
}
