/**
 * The calls content script's work on one page (entrypoints/calls/index.ts
 * starts it): report which call this is to the background, host the panel
 * frame, and answer the background's "what time is it" and "seek" with the
 * media element. It never stores or shows review data.
 *
 * Small on purpose (no React, no zod): it also runs on Gong and Chorus pages
 * that are not calls, where it reports "no call" once and watches the address.
 */
import { browser } from 'wxt/browser';
import { callAddressFor, cleanCallTitle, type CallAddress } from '../../lib/calls/address';
import { isToCallsContent } from '../../lib/calls/content-messages';
import { followMedia } from '../../lib/calls/media-dom';
import { watchAddress } from '../../lib/page/watch-address';
import { stillOurs } from '../../lib/page/still-ours';
import { mountPanel, type PanelHost } from './frame-host';

declare global {
  // this script's running copy in the isolated world (the page cannot see it)
  var __dealsideCalls: CallsPage | undefined;
}

/** How long a call's page title is followed after its address: SPA players set it a moment (or a while) later. */
export const TITLE_WATCH_MS = 15_000;

/** An extension reload or update leaves this script running without a runtime. */
const ours = () => stillOurs(() => browser);

interface MediaReply {
  hasMedia: boolean;
  currentTime: number;
  duration: number | null;
  paused: boolean;
}

export interface CallsPage {
  stop(): void;
  /** the address changed (also what watchAddress calls) */
  sync(href?: string): void;
  /**
   * Running, and still belonging to a running extension: asked of the copy itself (its own
   * runtime). Optional: a copy from a build before it has none, and is orphaned (an update).
   */
  live?(): boolean;
}

/**
 * Start this script's work on the page, unless a live copy already does it: "Review this call"
 * injects the script again where it may already run, then asks for the panel, which that copy
 * opens as it is (a restart would rebuild the open panel, losing what was typed in it and not yet
 * saved). A copy orphaned by an extension reload or update is stopped and replaced.
 */
export function startCallsPage(): CallsPage {
  const running = globalThis.__dealsideCalls;
  if (running?.live?.()) return running;
  running?.stop();
  const lifetime = new AbortController();
  const { signal } = lifetime;
  /** set once the user asked ("Review this call"): any page then counts as a call */
  let opened = false;
  let current: CallAddress | null = null;
  /** the first sync reports even "no call": this page is a new one, and the tab's call from the page before is dropped */
  let reported = false;
  let reportedTitle = '';
  let reportUrl = location.href;
  let panel: PanelHost | null = null;
  let media = followMedia(document);

  /**
   * The page title as it stood when the address moved to this call, when it
   * was the page before's: never this call's title. `lastSeenTitle`: the
   * title last looked at for the call before (a title already changed at the
   * move was set for the next call before its address).
   */
  let staleTitle: string | null = null;
  let lastSeenTitle = '';
  const title = () => {
    if (!current) return '';
    const raw = document.title;
    lastSeenTitle = raw;
    return raw === staleTitle ? '' : cleanCallTitle(current.provider, raw || location.hostname);
  };

  const report = (call: CallAddress | null) => {
    reportedTitle = call ? title() : '';
    const payload = call ? { ...call, url: reportUrl.slice(0, 2048), title: reportedTitle } : null;
    try {
      browser.runtime
        .sendMessage({ type: 'calls/page', call: payload })
        .then((reply: unknown) => {
          // The panel was open in this tab before (a reload mid-review, the next call): open it again.
          const data = (reply as { ok?: boolean; data?: { panelOpen?: unknown; frameToken?: unknown } } | undefined)?.data;
          if (typeof data?.frameToken === 'string') panel?.setFrameToken(data.frameToken);
          if (call && data?.panelOpen === true) panel?.open(false);
        })
        .catch(() => {});
    } catch {
      // the runtime is gone (extension reloaded): the next address stops this copy
    }
  };
  const rememberPanel = (open: boolean) => {
    browser.runtime.sendMessage({ type: 'calls/panel', open }).catch(() => {});
  };

  /** Follow the page's <title> for a while after a call starts, reporting each change of it. */
  let titleWatch: MutationObserver | null = null;
  let titleTimer: ReturnType<typeof setTimeout> | undefined;
  const stopTitleWatch = () => {
    titleWatch?.disconnect();
    titleWatch = null;
    clearTimeout(titleTimer);
  };
  const watchTitle = () => {
    stopTitleWatch();
    const check = () => {
      if (!signal.aborted && current && title() !== reportedTitle) report(current);
    };
    try {
      titleWatch = new MutationObserver(check);
      titleWatch.observe(document.head ?? document.documentElement, { subtree: true, childList: true, characterData: true });
    } catch {
      titleWatch = null;
    }
    // Still the title the page before showed, after all this while: it is this call's too
    // (two calls can share a title, "Weekly sync"): report it rather than none.
    titleTimer = setTimeout(() => {
      stopTitleWatch();
      staleTitle = null;
      check();
    }, TITLE_WATCH_MS);
  };
  signal.addEventListener('abort', stopTitleWatch);

  /**
   * Address → call; mount or remove the panel; each call its own review.
   * `again`: the same page re-reported ("Review this call"): its title is its own.
   */
  const sync = (href = location.href, again = false) => {
    const next = callAddressFor(href, opened);
    if (reported && !again && next?.callKey === current?.callKey) return;
    // An in-page move: the title still showing is the page before's, unless it already
    // changed since that page's call last looked (an SPA that sets it before the address).
    const raw = document.title;
    staleTitle = !reported || again ? null : raw !== lastSeenTitle ? null : raw;
    reported = true;
    current = next;
    reportUrl = href;
    media = followMedia(document);
    stopTitleWatch();
    if (current && !panel) {
      try {
        panel = mountPanel(rememberPanel);
      } catch {
        // no root element to put it on (a page that emptied itself, as document.open() does): the
        // call is still reported, without its panel; the next call, or "Review this call", tries again
      }
    }
    report(current);
    // what this page showed when it was looked at (a page with no call too), for the next move's check
    lastSeenTitle = raw;
    if (!current && panel) {
      panel.remove();
      panel = null;
    }
    if (current) watchTitle();
  };

  document.addEventListener(
    'play',
    (e) => {
      if (e.target instanceof HTMLMediaElement) media.played(e.target);
    },
    { capture: true, signal },
  );

  const state = (m: HTMLMediaElement | null): MediaReply => {
    if (!m) return { hasMedia: false, currentTime: 0, duration: null, paused: true };
    const d = m.duration;
    return {
      hasMedia: true,
      currentTime: Number.isFinite(m.currentTime) ? m.currentTime : 0,
      duration: Number.isFinite(d) ? d : null,
      paused: m.paused,
    };
  };

  // Replies go through sendResponse, synchronously: that works the same in Chrome and
  // Firefox without webextension-polyfill (kept out of this script for its size).
  const onMessage = (message: unknown, sender: { id?: string; tab?: unknown }, sendResponse: (reply: unknown) => void) => {
    // Only this extension's background (it has no tab); pages cannot send runtime messages here.
    if (sender.id !== browser.runtime.id || sender.tab) return undefined;
    if (!isToCallsContent(message)) return undefined;
    if (message.kind === 'dealside/calls-open') {
      opened = true;
      sync(location.href, true); // re-report even if the address already matched
      if (current) panel?.open();
      sendResponse({ opened: current !== null });
      return undefined;
    }
    if (!current) {
      sendResponse(state(null));
      return undefined;
    }
    // a seek is a person's ask too: the player that arrived since the last poll is found
    const m = media.current(message.kind === 'dealside/calls-seek' || message.fresh === true);
    if (message.kind === 'dealside/calls-seek' && m) {
      const d = m.duration;
      m.currentTime = Number.isFinite(d) ? Math.min(message.seconds, d) : message.seconds;
    }
    sendResponse(state(m));
    return undefined;
  };
  browser.runtime.onMessage.addListener(onMessage);

  const stop = () => {
    lifetime.abort();
    try {
      browser.runtime.onMessage.removeListener(onMessage);
    } catch {
      // the runtime is already gone (extension reloaded)
    }
    panel?.remove();
    panel = null;
    if (globalThis.__dealsideCalls === self) globalThis.__dealsideCalls = undefined;
  };
  const self: CallsPage = { stop, sync: (href) => sync(href), live: () => !signal.aborted && ours() };
  globalThis.__dealsideCalls = self;

  // A new address: follow it, unless the extension was reloaded or updated under this script.
  watchAddress((href) => (ours() ? sync(href) : stop()), signal);
  sync();
  return self;
}
