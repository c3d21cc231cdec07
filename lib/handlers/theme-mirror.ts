/**
 * The saved Theme setting, mirrored into storage.local (THEME_KEY, lib/theme.ts)
 * so every Dealside page can apply it before its first paint without asking the
 * background. (The sidebar's dock bar on the CRM page gets it with the saved
 * layout instead: lib/handlers/deals.ts, 'page/sidebarPrefs'.)
 *
 * storage.local, unlike storage.session at its default access level, is readable
 * by content scripts (never by the CRM page's own scripts): only the theme word
 * ('system' | 'light' | 'dark') is written there, which says nothing of the
 * user's data. Settings themselves stay in IndexedDB.
 */
import { browser } from 'wxt/browser';
import type { DB } from '../db/open';
import { getSettings } from '../db/settings';
import { THEME_KEY, isTheme } from '../theme';

/** one mirror write at a time, each from the settings as read in its turn: the last write wins with the latest theme */
let queue: Promise<void> = Promise.resolve();

/**
 * Copy the stored settings' theme into storage.local. Call after any write that may
 * change the theme (before it is answered or announced), and once when the background
 * starts with `ifMissing` (users from before the mirror). Never rejects: without the
 * mirror, pages apply the theme when their settings arrive, as they always did.
 */
export function mirrorTheme(db: () => Promise<DB>, { ifMissing = false } = {}): Promise<void> {
  queue = queue.then(async () => {
    try {
      if (ifMissing && isTheme((await browser.storage.local.get(THEME_KEY))[THEME_KEY])) return;
      const { theme } = await getSettings(await db());
      await browser.storage.local.set({ [THEME_KEY]: theme });
    } catch (e) {
      console.warn('Dealside could not keep its theme for early paint', e);
    }
  });
  return queue;
}
