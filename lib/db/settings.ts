import { DEFAULT_SETTINGS, settingsSchema, type Settings } from '../model';
import type { DB } from './open';

export async function getSettings(db: DB): Promise<Settings> {
  const parsed = settingsSchema.safeParse((await db.get('settings', 'settings')) ?? {});
  return parsed.success ? parsed.data : DEFAULT_SETTINGS;
}

/** Merge a validated patch; nested `sidebar` is merged, not replaced. */
export type SettingsChange = Partial<Omit<Settings, 'sidebar'>> & { sidebar?: Partial<Settings['sidebar']> };

export async function patchSettings(db: DB, patch: SettingsChange): Promise<Settings> {
  const tx = db.transaction('settings', 'readwrite');
  const parsed = settingsSchema.safeParse((await tx.store.get('settings')) ?? {});
  const current = parsed.success ? parsed.data : DEFAULT_SETTINGS;
  const next = settingsSchema.parse({
    ...current,
    ...patch,
    sidebar: { ...current.sidebar, ...(patch.sidebar ?? {}) },
  });
  await tx.store.put(next, 'settings');
  await tx.done;
  return next;
}
