/**
 * The Theme setting (Options: System, Light, Dark) as pages apply it before
 * their first paint. The background mirrors the saved choice into
 * `storage.local` under THEME_KEY (lib/handlers/theme-mirror.ts), which an
 * extension page can read at once, without waking the background or opening
 * the database. No browser API calls here: each caller hands in its storage.
 *
 * storage.local is readable by content scripts (unlike storage.session at its
 * default access level), never by a CRM page's own scripts. Only this one
 * word goes there: it tells nobody anything about the user's data. The pages
 * keep a copy in their own localStorage (the extension's origin: no web page
 * or content script reads it).
 */
export const THEME_KEY = 'dealside:theme';

export type Theme = 'system' | 'light' | 'dark';

export const isTheme = (v: unknown): v is Theme => v === 'system' || v === 'light' || v === 'dark';

/** `data-theme` on `el` (the pages' CSS keys on it); none for System, or anything unknown. */
export function applyTheme(el: HTMLElement, theme: unknown): void {
  if (theme === 'light' || theme === 'dark') el.dataset.theme = theme;
  else delete el.dataset.theme;
}

export interface ThemeStorage {
  local: { get(key: string): Promise<Record<string, unknown>> };
  onChanged?: { addListener(listener: (changes: Record<string, { newValue?: unknown }>, area: string) => void): void };
}

/**
 * <html> keeps the mirrored theme from the page's first paint on (the pages' early
 * scripts call this before their module code loads):
 * - at once, the theme this page's origin last saw (a copy in localStorage: storage.local
 *   answers asynchronously, measured here at about the page's first paint, sometimes after);
 * - the stored theme when storage answers, and the new one whenever the mirror changes
 *   (Options saved another); the copy is kept with it.
 * The pages leave `data-theme` alone until their settings arrive, then apply those: the
 * mirror is written before any settings answer or change notice leaves the background,
 * so the two agree.
 */
export function followStoredTheme(storage: ThemeStorage, root: HTMLElement = document.documentElement): Promise<void> {
  let changed = false;
  const take = (theme: unknown) => {
    applyTheme(root, theme);
    try {
      localStorage.setItem(THEME_KEY, String(theme));
    } catch {
      // no copy, then: the next page waits for storage.local
    }
  };
  try {
    applyTheme(root, localStorage.getItem(THEME_KEY));
  } catch {
    // as above
  }
  storage.onChanged?.addListener((changes, area) => {
    if (area !== 'local' || !(THEME_KEY in changes)) return;
    changed = true;
    take(changes[THEME_KEY]?.newValue);
  });
  return storage.local.get(THEME_KEY).then(
    (stored) => void (changed || take(stored[THEME_KEY])),
    () => undefined,
  );
}

/** Where the early script leaves its read of the saved theme (a promise) for the page's module code. */
export const THEME_READ_GLOBAL = '__dealsideThemeRead';

/**
 * Resolves once the early script has applied the saved theme, or after `maxMs`:
 * a page framed in a CRM page has no localStorage copy, and storage.local may
 * answer after the module code is ready, so the first content waits for it
 * rather than being drawn in the system's scheme for a frame.
 */
export function afterEarlyTheme(maxMs = 100): Promise<void> {
  const read = (globalThis as Record<string, unknown>)[THEME_READ_GLOBAL];
  if (!(read instanceof Promise)) return Promise.resolve();
  return Promise.race([read.then(() => undefined, () => undefined), new Promise<void>((resolve) => setTimeout(resolve, maxMs))]);
}
