import { browser } from 'wxt/browser';
import { HandlerError } from '../messages/router';
import { createKeyedOrder } from './tab-order';

/**
 * A secret per tab that only the frames Dealside itself put in that tab know.
 *
 * sidebar.html and call-review.html are web-accessible (the sites a user adds
 * cannot be listed in the manifest), so any page can frame them, and the
 * background answers a frame with its tab's deal or call. The frame's own
 * check of where it sits (lib/page/sidebar-framing.ts) has gaps: Firefox does
 * not say who the parent is, and an `<iframe referrerpolicy="no-referrer">`
 * hides it. So the content script that makes the frame gets this token from
 * the background and puts it in the frame's address (`#…`), which the page
 * cannot read (the frame is cross-origin, inside a closed shadow root); the
 * frame sends it back, and a frame without the tab's token is told nothing.
 * A site opened next in the same tab, framing the page itself, has no token.
 *
 * Kept in storage.session (the worker may stop; not reachable from content
 * scripts), removed with the tab.
 */
export type FramedPanel = 'sidebar' | 'call-panel';

const key = (panel: FramedPanel, tabId: number) => `dealside:frame-token:${panel}:${tabId}`;

/** 128 random bits as 32 hex digits */
function newToken(): string {
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * One at a time per tab and panel: two reports at once (a call's page and then its title)
 * must not each find none and each make their own, one frame then holding the loser.
 */
const oneAtATime = createKeyedOrder<string>();

/**
 * The tab's token for `panel`, made if it has none. `fresh`: replace it (a new
 * page in the tab: frames the page before made stop being answered).
 */
export function issueFrameToken(panel: FramedPanel, tabId: number, fresh: boolean): Promise<string> {
  const k = key(panel, tabId);
  return oneAtATime(k, async () => {
    if (!fresh) {
      const kept = (await browser.storage.session.get(k))[k];
      if (typeof kept === 'string') return kept;
    }
    const token = newToken();
    await browser.storage.session.set({ [k]: token });
    return token;
  });
}

/** Throws `refused` (a bad-sender error, in words for the person) unless `token` is the tab's. */
export async function requireFrameToken(panel: FramedPanel, tabId: number, token: string, refused: string): Promise<void> {
  const k = key(panel, tabId);
  const kept = (await browser.storage.session.get(k))[k];
  if (kept !== token) throw new HandlerError('bad-sender', refused);
}

export function forgetClosedTabTokens(): void {
  browser.tabs.onRemoved.addListener((tabId) => {
    void browser.storage.session.remove([key('sidebar', tabId), key('call-panel', tabId)]).catch(() => {});
  });
}
