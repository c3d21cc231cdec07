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
