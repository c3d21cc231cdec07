/**
 * What the Options page needs around a backup file: its name, its size limit
 * and the sentence reporting a restore. Pure and free of zod (type imports
 * only), so the options bundle does not carry the validator — the background
 * checks the file.
 */
import { todayIn } from '../dates';
import type { RestoreReport, StoreCounts } from './format';

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
 * 5 were already here and were kept as they are. 2 invalid records were skipped."
 */
export function restoreSummary(report: RestoreReport): string {
  const added = total(report.added);
  const present = total(report.alreadyPresent);
  const invalid = total(report.invalid);
  if (added + present + invalid === 0) return 'This backup holds no records. Nothing changed.';
  const parts = [added > 0 ? `Restored ${records(added)}.` : 'Nothing new to restore.'];
  if (present > 0) {
    parts.push(present === 1 ? '1 was already here and was kept as it is.' : `${present} were already here and were kept as they are.`);
  }
  if (invalid > 0) parts.push(invalid === 1 ? '1 invalid record was skipped.' : `${invalid} invalid records were skipped.`);
  return parts.join(' ');
}
