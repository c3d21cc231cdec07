// Backup and restore (Options), end to end in Debian Chromium: a note written in
// the sidebar goes into a downloaded backup file; a fresh profile restores that
// file and its sidebar shows the note on the same deal. Restoring it again adds
// nothing and changes nothing.
import { expect, test } from '@playwright/test';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ACME_NAME, ACME, launch, sidebarShowing } from './harness';

const NOTE = 'Backup check: ask who signs the order form';

test('a backup downloaded in one profile restores into a fresh one; restoring twice adds nothing', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'dealside-backup-'));
  const first = await launch();
  let file: string;
  try {
    await first.setUser({ name: 'Morgan Lead', role: 'manager' });
    const page = await first.open(ACME);
    const aside = await sidebarShowing(page, first.extensionId, ACME_NAME);
    await aside.getByRole('textbox', { name: 'Coaching note' }).fill(NOTE);
    await aside.getByRole('button', { name: 'Add note' }).click();
    await expect(aside.getByRole('list', { name: 'Notes' })).toContainText(NOTE);

    const options = await first.context.newPage();
    await options.goto(`chrome-extension://${first.extensionId}/options.html`);
    const backup = options.getByRole('region', { name: 'Backup' });
    const [download] = await Promise.all([options.waitForEvent('download'), backup.getByRole('button', { name: 'Download backup' }).click()]);
    expect(download.suggestedFilename()).toMatch(/^dealside-backup-\d{4}-\d{2}-\d{2}\.json$/);
    file = join(dir, download.suggestedFilename());
    await download.saveAs(file);
    const saved = JSON.parse(await readFile(file, 'utf8')) as { format: string; stores: { notes: { body: { text?: string } }[] } };
    expect(saved.format).toBe('dealside-backup');
    expect(saved.stores.notes.map((n) => n.body.text)).toContain(NOTE);
  } finally {
    await first.close();
  }

  const second = await launch();
  try {
    await second.setUser({ name: 'Morgan Lead', role: 'manager' });
    const options = await second.context.newPage();
    await options.goto(`chrome-extension://${second.extensionId}/options.html`);
    const backup = options.getByRole('region', { name: 'Backup' });
    await backup.getByLabel('Restore from a backup file').setInputFiles(file!);
    await expect(backup.getByRole('status')).toContainText(/Restored \d+ records?/);

    const page = await second.open(ACME);
    const aside = await sidebarShowing(page, second.extensionId, ACME_NAME);
    await expect(aside.getByRole('list', { name: 'Notes' })).toContainText(NOTE);

    // the same file again: everything is already here, nothing is added or replaced
    await backup.getByLabel('Restore from a backup file').setInputFiles([]);
    await backup.getByLabel('Restore from a backup file').setInputFiles(file!);
    await expect(backup.getByRole('status')).toContainText(/already here/);
    await expect(backup.getByRole('status')).not.toContainText(/Restored [1-9]/);
    await expect(aside.getByRole('list', { name: 'Notes' }).getByText(NOTE)).toHaveCount(1);
  } finally {
    await second.close();
    await rm(dir, { recursive: true, force: true });
  }
});
