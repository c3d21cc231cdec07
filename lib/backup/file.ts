/**
 * What the Options page needs around a backup file: its name, its size limit
 * and the sentence reporting a restore. Pure and free of zod (type imports
 * only), so the options bundle does not carry the validator — the background
 * checks the file.
 */
import { todayIn } from '../dates';
import type { Backup, StoreCounts } from './format';
import type { RestoreReport } from './plan';

/**
 * The largest backup Dealside reads or writes. The file travels to the
 * background as one runtime message, which Chrome caps at 64 MiB of JSON;
 * 50 MB leaves room for the envelope.
 */
export const MAX_BACKUP_BYTES = 50 * 1024 * 1024;
export const MAX_BACKUP_LABEL = '50 MB';

/** UTF-8 size of `value` as JSON: the size of the file, and of the message carrying it. */
export function jsonByteLength(value: unknown): number {
  return new TextEncoder().encode(JSON.stringify(value)).byteLength;
}

/** `dealside-backup-YYYY-MM-DD.json`, dated on the user's own calendar. */
export function backupFileName(now: Date, timeZone: string): string {
  return `dealside-backup-${todayIn(timeZone, now)}.json`;
}

const total = (counts: StoreCounts) => Object.values(counts).reduce((a, b) => a + b, 0);
const records = (n: number) => `${n} ${n === 1 ? 'record' : 'records'}`;

/**
 * The restore report as one line a person reads, e.g. "Restored 120 records.
 * Updated 1 record with the outcome recorded in the backup. 5 were already
 * here and were kept as they are. 2 invalid records were skipped."
 */
export function restoreSummary(report: RestoreReport): string {
  const added = total(report.added);
  const present = total(report.alreadyPresent);
  const updated = total(report.updated);
  const repaired = total(report.repaired);
  const invalid = total(report.invalid);
  if (added + present + updated + repaired + invalid === 0) return 'This backup holds no records. Nothing changed.';
  const parts: string[] = [];
  if (added > 0) parts.push(`Restored ${records(added)}.`);
  else if (updated + repaired === 0) parts.push('Nothing new to restore.');
  if (updated > 0) parts.push(`Updated ${records(updated)} with the ${updated === 1 ? 'outcome' : 'outcomes'} recorded in the backup.`);
  if (repaired > 0) {
    parts.push(repaired === 1 ? 'Replaced 1 damaged record here with the backup’s copy.' : `Replaced ${repaired} damaged records here with the backup’s copies.`);
  }
  if (present > 0) {
    parts.push(present === 1 ? '1 was already here and was kept as it is.' : `${present} were already here and were kept as they are.`);
  }
  if (invalid > 0) parts.push(invalid === 1 ? '1 invalid record was skipped.' : `${invalid} invalid records were skipped.`);
  return parts.join(' ');
}

/**
 * What Options says once a backup is saved as `fileName`, including how many
 * damaged records (they fail their check, so no read uses them) the file could
 * not include.
 */
export function exportSummary(fileName: string, backup: Pick<Backup, 'leftOut'>): string {
  // the page cannot see the download's end (a Save dialog cancelled, a file renamed): said as handed over
  const saved = `Your browser is saving ${fileName} with your downloads. Keep it somewhere safe: it holds your coaching notes.`;
  const left = total(backup.leftOut);
  if (left === 0) return saved;
  return `${saved} ${left === 1 ? '1 damaged record' : `${left} damaged records`} could not be included.`;
}
