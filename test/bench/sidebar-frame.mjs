import { findExtensionFrame } from '../support/frames.mjs';

/** The sidebar's frame on `page` (an extension frame in a closed shadow root). */
export const findSidebarFrame = (page, timeoutMs = 10_000) => findExtensionFrame(page, 'sidebar.html', timeoutMs);

/** Absolute time the sidebar marked `dealKey` as shown (its `dealside:deal-shown` mark), or null. */
export function shownAt(frame, dealKey) {
  return frame.evaluate((key) => {
    const m = performance.getEntriesByName('dealside:deal-shown').find((e) => e.detail === key);
    return m ? performance.timeOrigin + m.startTime : null;
  }, dealKey);
}

/** `fn()`'s first truthy value, asked every 20 ms; throws after `ms`. */
export async function waitFor(fn, ms = 10_000, what = 'a condition') {
  const end = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
