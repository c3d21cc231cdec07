/**
 * Calls content script: on a recording page (Gong, Zoom, Chorus) or any page
 * the user asked to review, it reports which call this is to the background,
 * hosts the panel frame, and answers the background's "what time is it" and
 * "seek" with the media element. It never stores or shows review data.
 *
 * Small on purpose (no React, no zod): it also runs on Gong and Chorus pages
 * that are not calls, where it only watches the address.
 *
 * A plain script with its own manifest entry (wxt.config.ts), like the CRM's
 * crm-watch.ts, not WXT's defineContentScript: WXT's context cost the Gong
 * page ~1.3 ms of main thread at every load (CPU profile, 4 visits) and posts
 * a "script started" message that the page's own scripts receive. Its jobs
 * are done here: stopping when the extension is reloaded or updated
 * (`stillOurs`), and stopping an earlier copy of this script when "Review
 * this call" injects it again into a page where it already runs.
 */
import { browser } from 'wxt/browser';
import { callAddressFor, cleanCallTitle, type CallAddress } from '../../lib/calls/address';
import { isToCallsContent } from '../../lib/calls/content-messages';
import { findMedia } from '../../lib/calls/media-dom';
import { watchAddress } from '../../lib/page/watch-address';
import { mountPanel, type PanelHost } from './frame-host';

declare global {
  // this script's running copy in the isolated world (the page cannot see it)
  var __dealsideCalls: { stop(): void } | undefined;
}

/** An extension reload or update leaves this script running without a runtime. */
const stillOurs = () => {
  try {
    return !!browser.runtime?.id;
  } catch {
    return false;
  }
};

interface MediaReply {
  hasMedia: boolean;
  currentTime: number;
  duration: number | null;
  paused: boolean;
}

export default defineUnlistedScript(() => {
  globalThis.__dealsideCalls?.stop();
  const lifetime = new AbortController();
  const { signal } = lifetime;
  /** set once the user asked ("Review this call"): any page then counts as a call */
  let opened = false;
  let current: CallAddress | null = null;
  let reportedTitle = '';
  let reportUrl = location.href;
  let panel: PanelHost | null = null;
  let media: HTMLMediaElement | null = null;

  const title = () => (current ? cleanCallTitle(current.provider, document.title || location.hostname) : '');

  const report = (call: CallAddress | null) => {
    reportedTitle = call ? title() : '';
    const payload = call ? { ...call, url: reportUrl.slice(0, 2048), title: reportedTitle } : null;
    browser.runtime
      .sendMessage({ type: 'calls/page', call: payload })
      .then((reply: unknown) => {
        // The panel was open in this tab before (a reload mid-review, the next call): open it again.
        const data = (reply as { ok?: boolean; data?: { panelOpen?: unknown } } | undefined)?.data;
        if (call && data?.panelOpen === true) panel?.open(false);
      })
      .catch(() => {});
  };
  const rememberPanel = (open: boolean) => {
    browser.runtime.sendMessage({ type: 'calls/panel', open }).catch(() => {});
  };

  /** Address → call; mount or remove the panel; each call its own review. */
  const sync = (href = location.href) => {
    const next = callAddressFor(href, opened);
    if (next?.callKey === current?.callKey) return;
    current = next;
    reportUrl = href;
    media = null;
    if (current && !panel) panel = mountPanel(rememberPanel);
    report(current);
    if (!current && panel) {
      panel.remove();
      panel = null;
    }
    // SPA players set the new call's title a moment after the address.
    if (current) setTimeout(() => !signal.aborted && current && title() !== reportedTitle && report(current), 1500);
  };

  /**
   * The element to follow. The panel asks about once a second, so picking
   * (which walks frames and measures boxes) is not redone on every ask: the
   * pick is kept while it is on the page, replaced by any element that
   * starts playing, and re-checked at most every few seconds while paused
   * (late media, a player swapped in a frame).
   */
  let pickedAt = 0;
  const REPICK_MS = 4000;
  const currentMedia = () => {
    const fresh = Date.now() - pickedAt < REPICK_MS;
    if (media && media.isConnected && (!media.paused || fresh)) return media;
    media = findMedia(document);
    pickedAt = Date.now();
    return media;
  };
  document.addEventListener(
    'play',
    (e) => {
      if (e.target instanceof HTMLMediaElement) {
        media = e.target;
        pickedAt = Date.now();
      }
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
      current = null; // re-report even if the address already matched
      sync();
      if (current) panel?.open();
      sendResponse({ opened: current !== null });
      return undefined;
    }
    if (!current) {
      sendResponse(state(null));
      return undefined;
    }
    const m = currentMedia();
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
  const self = { stop };
  globalThis.__dealsideCalls = self;

  // A new address: follow it, unless the extension was reloaded or updated under this script.
  watchAddress((href) => (stillOurs() ? sync(href) : stop()), signal);
  sync();
});

