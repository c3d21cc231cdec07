// The sidebar lives in an extension-origin iframe inside a closed shadow root,
// so locators cannot pierce to it; find it among the page's frames instead.
export async function findSidebarFrame(page, timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const frame = page.frames().find((f) => f.url().startsWith('chrome-extension://') && f.url().includes('/sidebar.html'));
    if (frame) return frame;
    await page.waitForTimeout(20);
  }
  throw new Error('sidebar frame did not appear');
}

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
