// The popup's first move, before React: a plain script at the top of
// popup.html that asks the background for this week's scorecard, then loads
// the popup's module code (the build hands it the addresses: see
// scripts/vite-popup-modules-after-request.ts). The read and rollup overlap
// the popup's start-up instead of following it, and the module code no longer
// delays the request; App.tsx takes the answer. Same message, same router
// checks as any request.
import { browser } from 'wxt/browser';
import { EARLY_KEPT_GLOBAL, EARLY_WEEK_GLOBAL, THIS_WEEK_REQUEST } from '../lib/messages/early-week';
import { GENERATION_KEY, WEEK_CACHE_KEY } from '../lib/scorecard/week-cache';

export default defineUnlistedScript(() => {
  const self = document.currentScript as HTMLScriptElement | null;
  try {
    (globalThis as Record<string, unknown>)[EARLY_WEEK_GLOBAL] = browser.runtime.sendMessage(THIS_WEEK_REQUEST);
  } catch {
    // App.tsx asks again the usual way
  }
  try {
    // This week's card as the background kept it: shown at once if no write came since
    // (the background's worker may be stopped, and starting it is most of the wait).
    (globalThis as Record<string, unknown>)[EARLY_KEPT_GLOBAL] = browser.storage.session?.get([WEEK_CACHE_KEY, GENERATION_KEY]);
  } catch {
    // no session storage: the fresh answer only
  }
  const { module, preload } = self?.dataset ?? {};
  for (const href of preload?.split(' ').filter(Boolean) ?? []) {
    const link = document.createElement('link');
    link.rel = 'modulepreload';
    link.crossOrigin = '';
    link.href = href;
    document.head.append(link);
  }
  if (module) {
    const script = document.createElement('script');
    script.type = 'module';
    script.crossOrigin = '';
    script.src = module;
    document.head.append(script);
  }
});
