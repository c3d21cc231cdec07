// Dealside's panels live in extension-origin iframes inside closed shadow roots,
// so locators cannot pierce to them: tests, benchmarks and the demo find them
// among the page's frames instead. Plain .mjs (types in frames.d.mts) so the
// benchmarks need no TypeScript loader.

/** The page's frame showing the extension's `file` (e.g. 'sidebar.html'), polled every 20 ms; throws after `timeoutMs`. */
export async function findExtensionFrame(page, file, timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const frame = page.frames().find((f) => f.url().startsWith('chrome-extension://') && f.url().includes(`/${file}`));
    if (frame) return frame;
    await page.waitForTimeout(20);
  }
  throw new Error(`the ${file} frame did not appear`);
}

/**
 * A frame's address without its `#…`: Dealside's own frames carry their tab's frame token
 * there (lib/handlers/frame-tokens.ts); a page framing the file itself does not.
 */
export const withoutToken = (url) => url.split('#')[0];
