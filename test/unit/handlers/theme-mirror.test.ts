import { fakeBrowser } from 'wxt/testing/fake-browser';
import { openDealsideDB, type DB } from '../../../lib/db/open';
import { patchSettings } from '../../../lib/db/settings';
import { exportBackup } from '../../../lib/db/backup';
import { createDealHandlers } from '../../../lib/handlers/deals';
import { createBackupHandlers } from '../../../lib/handlers/backup';
import { mirrorTheme } from '../../../lib/handlers/theme-mirror';
import type { ChangeEvent } from '../../../lib/messages/protocol';
import { THEME_KEY } from '../../../lib/theme';

const options = { id: 'x', url: 'chrome-extension://x/options.html' };
const mirrored = async () => (await fakeBrowser.storage.local.get(THEME_KEY))[THEME_KEY];

let db: DB;
let n = 0;
beforeEach(async () => {
  fakeBrowser.reset();
  db = await openDealsideDB(`theme-mirror-${++n}`);
});

describe('the theme mirrored into storage.local for early paint', () => {
  it('at background start, from the stored settings (users from before the mirror); an existing mirror is kept', async () => {
    await patchSettings(db, { theme: 'dark' });
    await mirrorTheme(async () => db, { ifMissing: true }); // as entrypoints/background.ts calls it at start
    expect(await mirrored()).toBe('dark');

    await fakeBrowser.storage.local.set({ [THEME_KEY]: 'light' });
    await mirrorTheme(async () => db, { ifMissing: true });
    expect(await mirrored()).toBe('light');
  });

  it('settings/set with a theme writes it before the change is announced; other settings leave it alone', async () => {
    const seenAtBroadcast: unknown[] = [];
    const h = createDealHandlers({
      db: async () => db,
      broadcast: async (_e: ChangeEvent) => void seenAtBroadcast.push(await mirrored()),
    });
    await h['settings/set']({ type: 'settings/set', patch: { theme: 'light' } }, options);
    expect(await mirrored()).toBe('light');
    expect(seenAtBroadcast).toEqual(['light']);

    await fakeBrowser.storage.local.set({ [THEME_KEY]: 'sentinel' });
    await h['settings/set']({ type: 'settings/set', patch: { weekStartsOn: 7 } }, options);
    expect(await mirrored()).toBe('sentinel');
  });

  it('a restore that takes the backup’s settings mirrors their theme', async () => {
    const source = await openDealsideDB(`theme-mirror-source-${n}`);
    await patchSettings(source, { user: { name: 'Morgan Lead', role: 'manager' }, theme: 'dark' });
    const backup = await exportBackup(source, new Date('2026-11-25T10:00:00.000Z'));
    const h = createBackupHandlers({ db: async () => db });
    await h['backup/import']({ type: 'backup/import', backup });
    expect(await mirrored()).toBe('dark');
    source.close();
  });

  it('never throws: without a database the pages apply the theme when their settings arrive', async () => {
    await expect(mirrorTheme(() => Promise.reject(new Error('no db')))).resolves.toBeUndefined();
    expect(await mirrored()).toBeUndefined();
  });
});
