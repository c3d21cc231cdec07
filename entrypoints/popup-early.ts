// The popup's first move, before React: a plain script at the top of
// popup.html (not a module, so it runs while the popup's ~230 KB of module code
// is still loading) that asks the background for this week's scorecard. The
// read and rollup then overlap the popup's start-up instead of following it;
// App.tsx takes the answer. Same message, same router checks as any request.
import { browser } from 'wxt/browser';
import { EARLY_WEEK_GLOBAL, THIS_WEEK_REQUEST } from '../lib/messages/early-week';

export default defineUnlistedScript(() => {
  try {
    (globalThis as Record<string, unknown>)[EARLY_WEEK_GLOBAL] = browser.runtime.sendMessage(THIS_WEEK_REQUEST);
  } catch {
    // App.tsx asks again the usual way
  }
});
