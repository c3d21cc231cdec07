import { DEFAULT_SETTINGS, settingsSchema, type Settings } from '../model';
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

/** The settings as stored, read inside a caller's transaction (an unreadable record reads as the defaults). */
export function storedSettings(value: unknown): Settings {
  const parsed = settingsSchema.safeParse(value ?? {});
  return parsed.success ? parsed.data : DEFAULT_SETTINGS;
}

export async function patchSettings(db: DB, patch: SettingsChange): Promise<Settings> {
  const tx = db.transaction('settings', 'readwrite');
  const next = applySettingsChange(storedSettings(await tx.store.get('settings')), patch);
  await tx.store.put(next, 'settings');
  await tx.done;
  return next;
}
