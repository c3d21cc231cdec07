/** Helpers the backup tests share: a backup file's envelope, its trip through JSON, fresh databases closed after each test. */
import { afterEach, vi } from 'vitest';
import { readBackup, type Backup, type BackupEnvelope } from '../../../lib/backup/format';
import { openDealsideDB, type DB } from '../../../lib/db/open';
import { WRITTEN_AT } from './records';

/** A version-2 backup file (as the Dealside before Dynamics keys named the org wrote it) holding `stores`. */
export const envelope = (stores: Partial<BackupEnvelope['stores']> = {}) => ({
  format: 'dealside-backup',
  version: 2,
  exportedAt: WRITTEN_AT,
  dbVersion: 7,
  stores: { deals: [], reps: [], commitments: [], nextSteps: [], scores: [], notes: [], callReviews: [], drafts: [], settings: null, ...stores },
});

/** The file as the Options page saves it and reads it back: through JSON text. */
export function viaFile(backup: Backup): BackupEnvelope {
  const result = readBackup(JSON.parse(JSON.stringify(backup)));
  if (!result.ok) throw new Error(result.error);
  return result.backup;
}

/** `freshDb()` opens a new database named after `prefix`; each is closed (and mocks restored) after its test. */
export function freshDatabases(prefix: string): () => Promise<DB> {
  const opened: DB[] = [];
  afterEach(() => {
    for (const db of opened.splice(0)) db.close();
    vi.restoreAllMocks();
  });
  return async () => {
    const db = await openDealsideDB(`${prefix}-${Math.random()}`);
    opened.push(db);
    return db;
  };
}
