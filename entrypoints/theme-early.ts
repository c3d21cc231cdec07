// The Theme setting before first paint: a plain script at the top of
// sidebar.html, options.html and call-review.html reads the theme the
// background mirrors into storage.local and sets `data-theme` on <html> while
// the page's module code is still loading, then follows the mirror while the
// page is open (lib/theme.ts: followStoredTheme). The pages still apply their
// settings as before. The popup does the same from its own early script
// (entrypoints/popup-early.ts).
//
// Tiny on purpose: no webextension-polyfill (storage.local.get returns a
// promise in Chrome MV3 and Firefox alike), so the browser's own API object.
import { THEME_READ_GLOBAL, followStoredTheme, type ThemeStorage } from '../lib/theme';

type Api = { runtime?: { id?: string }; storage?: ThemeStorage };

export default defineUnlistedScript(() => {
  const g = globalThis as { browser?: Api; chrome?: Api };
  const storage = (g.browser?.runtime?.id ? g.browser : g.chrome)?.storage;
  // left for the page's module code, which draws its first content after it (lib/theme.ts: afterEarlyTheme)
  if (storage?.local) (globalThis as Record<string, unknown>)[THEME_READ_GLOBAL] = followStoredTheme(storage);
});
