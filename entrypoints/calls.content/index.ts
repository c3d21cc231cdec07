/**
 * Calls content script: on a recording page (Gong, Zoom, Chorus) or any page
 * the user asked to review, it reports which call this is to the background,
 * hosts the panel frame, and answers the background's "what time is it" and
 * "seek" with the media element. It never stores or shows review data.
 *
 * Small on purpose (no React, no zod): it also runs on Gong and Chorus pages
 * that are not calls, where it only watches the address.
 */
import { browser } from 'wxt/browser';
import { callAddressFor, cleanCallTitle, type CallAddress } from '../../lib/calls/address';
import { isToCallsContent } from '../../lib/calls/content-messages';
import { CALL_MATCHES } from '../../lib/calls/match-patterns';
import { findMedia } from '../../lib/calls/media-dom';
import { mountPanel, type PanelHost } from './frame-host';

interface MediaReply {
  hasMedia: boolean;
  currentTime: number;
  duration: number | null;
  paused: boolean;
}

export default defineContentScript({
  matches: CALL_MATCHES,
  runAt: 'document_idle',
  main(ctx) {
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
      browser.runtime.sendMessage({ type: 'calls/page', call: payload }).catch(() => {});
    };

    /** Address → call; mount or remove the panel; each call its own review. */
    const sync = (href = location.href) => {
      const next = callAddressFor(href, opened);
      if (next?.callKey === current?.callKey) return;
      current = next;
      reportUrl = href;
      media = null;
      report(current);
      if (current && !panel) panel = mountPanel();
      if (!current && panel) {
        panel.remove();
        panel = null;
      }
      // SPA players set the new call's title a moment after the address.
      if (current) ctx.setTimeout(() => current && title() !== reportedTitle && report(current), 1500);
    };

    /** The element to follow: keep a playing one, else pick again (late or swapped media). */
    const currentMedia = () => {
      if (media && media.isConnected && !media.paused) return media;
      media = findMedia(document);
      return media;
    };

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

    const onMessage = (message: unknown, sender: { id?: string; tab?: unknown }) => {
      // Only this extension's background (it has no tab); pages cannot send runtime messages here.
      if (sender.id !== browser.runtime.id || sender.tab) return undefined;
      if (!isToCallsContent(message)) return undefined;
      if (message.kind === 'dealside/calls-open') {
        opened = true;
        current = null; // re-report even if the address already matched
        sync();
        return Promise.resolve({ opened: current !== null });
      }
      if (!current) return Promise.resolve(state(null));
      const m = currentMedia();
      if (message.kind === 'dealside/calls-seek' && m) {
        const d = m.duration;
        m.currentTime = Number.isFinite(d) ? Math.min(message.seconds, d) : message.seconds;
      }
      return Promise.resolve(state(m));
    };
    browser.runtime.onMessage.addListener(onMessage);

    // The Navigation API fires before location.href changes: use the event's new address.
    ctx.addEventListener(window, 'wxt:locationchange', (e) => sync(e.newUrl.href));
    ctx.onInvalidated(() => {
      browser.runtime.onMessage.removeListener(onMessage);
      panel?.remove();
      panel = null;
    });
    sync();
  },
});
