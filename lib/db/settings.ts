import { DEFAULT_SETTINGS, settingsSchema, soundSettingsOf, type Settings } from '../model';
import type { DB } from './open';

export async function getSettings(db: DB): Promise<Settings> {
  return storedSettings(await db.get('settings', 'settings'));
}

/** Merge a validated patch; nested `sidebar` is merged, not replaced. */
export type SettingsChange = Partial<Omit<Settings, 'sidebar'>> & { sidebar?: Partial<Settings['sidebar']> };

/** `current` with `patch` applied and validated (a bad patch throws; nothing is written). */
export function applySettingsChange(current: Settings, patch: SettingsChange): Settings {
  return settingsSchema.parse({
    ...current,
    ...patch,
    sidebar: { ...current.sidebar, ...(patch.sidebar ?? {}) },
  });
}

/**
 * The settings as stored, read inside a caller's transaction. A field that fails its check
 * (a damaged record, a value from a later version) reads as its default on its own (`soundSettingsOf`): the
 * rest, the user's name and role above all, is kept, and so survives the next write, which
 * stores what this returns. Only a record that is no object at all reads as the defaults.
 */
export function storedSettings(value: unknown): Settings {
  return soundSettingsOf(value ?? {}) ?? DEFAULT_SETTINGS;
}

export async function patchSettings(db: DB, patch: SettingsChange): Promise<Settings> {
  const tx = db.transaction('settings', 'readwrite');
  const next = applySettingsChange(storedSettings(await tx.store.get('settings')), patch);
  await tx.store.put(next, 'settings');
  await tx.done;
  return next;
}
