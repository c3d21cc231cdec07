import { parseHTML } from 'linkedom';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { THEME_KEY, applyTheme, followStoredTheme, type ThemeStorage } from '../../../lib/theme';

/** storage.local and its onChanged as the early scripts see them; `answer` settles the pending get. */
function storage(initial: Record<string, unknown>) {
  let answer: () => void = () => undefined;
  const listeners: Parameters<NonNullable<ThemeStorage['onChanged']>['addListener']>[0][] = [];
  const api: ThemeStorage = {
    local: { get: (key) => new Promise((resolve) => (answer = () => resolve(key in initial ? { [key]: initial[key] } : {}))) },
    onChanged: { addListener: (l) => void listeners.push(l) },
  };
  return {
    api,
    answer: () => answer(),
    change: (theme: unknown, area = 'local') => listeners.forEach((l) => l({ [THEME_KEY]: { newValue: theme } }, area)),
  };
}

/** a page's localStorage (the early scripts' copy) */
class MemoryStorage {
  items = new Map<string, string>();
  getItem = (k: string) => this.items.get(k) ?? null;
  setItem = (k: string, v: string) => void this.items.set(k, v);
}

const settle = () => new Promise((r) => setTimeout(r, 0));

describe('the Theme setting before first paint (lib/theme.ts)', () => {
  let root: HTMLElement;
  let local: MemoryStorage;
  const g = globalThis as Record<string, unknown>;
  beforeEach(() => {
    const { window, document } = parseHTML('<!doctype html><html><head></head><body></body></html>');
    root = document.documentElement as unknown as HTMLElement;
    g.MutationObserver = window.MutationObserver;
    local = new MemoryStorage();
    g.localStorage = local;
  });
  afterEach(() => {
    delete g.MutationObserver;
    delete g.localStorage;
  });

  it('applyTheme: light and dark as data-theme, none for the system or anything unknown', () => {
    applyTheme(root, 'dark');
    expect(root.dataset.theme).toBe('dark');
    applyTheme(root, 'system');
    expect(root.dataset.theme).toBeUndefined();
    applyTheme(root, 'light');
    applyTheme(root, '<script>');
    expect(root.dataset.theme).toBeUndefined();
  });

  it("applies the page's copy at once, then the stored theme when storage answers, and keeps the copy", async () => {
    local.setItem(THEME_KEY, 'dark');
    const s = storage({ [THEME_KEY]: 'light' });
    const done = followStoredTheme(s.api, root);
    expect(root.dataset.theme).toBe('dark'); // synchronously: before any paint
    s.answer();
    await done;
    expect(root.dataset.theme).toBe('light');
    expect(local.getItem(THEME_KEY)).toBe('light');
  });

  it('follows the mirror when Options saves another theme, and an older answer does not undo it', async () => {
    const s = storage({ [THEME_KEY]: 'light' });
    const done = followStoredTheme(s.api, root);
    s.change('dark', 'session'); // another area: ignored
    expect(root.dataset.theme).toBeUndefined();
    s.change('dark');
    expect(root.dataset.theme).toBe('dark');
    s.answer();
    await done;
    expect(root.dataset.theme).toBe('dark');
    s.change('system');
    await settle();
    expect(root.dataset.theme).toBeUndefined();
    expect(local.getItem(THEME_KEY)).toBe('system');
  });

  it('no mirror yet (or storage refuses): the system scheme, nothing thrown', async () => {
    g.localStorage = {
      getItem: () => {
        throw new Error('denied');
      },
    };
    const s = storage({});
    const done = followStoredTheme(s.api, root);
    s.answer();
    await done;
    expect(root.dataset.theme).toBeUndefined();
    await followStoredTheme({ local: { get: () => Promise.reject(new Error('gone')) } }, root);
    expect(root.dataset.theme).toBeUndefined();
  });
});
