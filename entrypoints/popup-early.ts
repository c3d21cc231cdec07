// The popup's first move, before React: a plain script at the top of
// popup.html that reads the kept card (if current, App.tsx draws it first) or
// else asks the background for this week's scorecard, then loads
// the popup's module code (the build hands it the addresses: see
// scripts/vite-popup-modules-after-request.ts). The read and rollup overlap
// the popup's start-up instead of following it, and the module code no longer
// delays the request; App.tsx takes the answer. Same message, same router
// checks as any request.
import { browser } from 'wxt/browser';
import { EARLY_KEPT_GLOBAL, EARLY_WEEK_GLOBAL, THIS_WEEK_REQUEST } from '../lib/messages/early-week';
import { userTimeZone } from '../lib/dates';
import { GENERATION_KEY, WEEK_CACHE_KEY, usableKeptWeek } from '../lib/scorecard/week-cache';
import { followStoredTheme } from '../lib/theme';

export default defineUnlistedScript(() => {
  const self = document.currentScript as HTMLScriptElement | null;
  const early = globalThis as Record<string, unknown>;
  const ask = () => browser.runtime.sendMessage(THIS_WEEK_REQUEST);
  try {
    // This week's card as the background kept it (lib/scorecard/week-cache.ts). When it is
    // current, App.tsx draws it at once and asks for the fresh answer after that first
    // paint: the answer may need the background's worker started, and on two cores that
    // start would compete with the popup's own. Otherwise the fresh answer is asked now.
    const kept = browser.storage.session
      ? browser.storage.session.get([WEEK_CACHE_KEY, GENERATION_KEY]).then((stored) => usableKeptWeek(stored, new Date(), userTimeZone()), () => null)
      : Promise.resolve(null);
    early[EARLY_KEPT_GLOBAL] = kept;
    early[EARLY_WEEK_GLOBAL] = kept.then((week) => (week ? null : ask()));
  } catch {
    // App.tsx asks the usual way
  }
  try {
    // The Theme setting before first paint, read after the request has left (lib/theme.ts);
    // App.tsx applies the answer's theme as before.
    void followStoredTheme(browser.storage);
  } catch {
    // the answer's theme, then
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
