/**
 * "Back up your data" and "Restore from a backup" (Options). The router lets
 * only unframed extension pages send these: a backup is every record there is.
 * The file never leaves the user's computer: the page saves it, the page reads it.
 */
import type { ChangeEvent, RequestOf, ResponseMap } from '../messages/protocol';
import { HandlerError } from '../messages/router';
import type { DB } from '../db/open';
import { exportBackup, restoreBackup } from '../db/backup';
import { rereadDealDates } from '../db/date-order';
import { readBackup } from '../backup/format';
import type { RestoreReport } from '../backup/plan';
import { MAX_BACKUP_BYTES, MAX_BACKUP_LABEL, jsonByteLength } from '../backup/file';
import { getSettings } from '../db/settings';
import type { CrmSite } from '../model';
import { mirrorTheme } from './theme-mirror';

export interface BackupHandlerDeps {
  db: () => Promise<DB>;
  now?: () => Date;
  /** tell open pages what a restore added */
  broadcast?: (event: ChangeEvent) => Promise<void> | void;
  /** the largest backup sent back (tests lower it); MAX_BACKUP_BYTES otherwise */
  maxBytes?: number;
  /**
   * A restore added CRM sites: the content script is registered again, so a site this
   * browser already allows is read from its next page load (one without access waits
   * for Options' "Grant access", as any added site does).
   */
  sitesRestored?: (sites: readonly CrmSite[]) => Promise<unknown>;
}

type BackupTypes = 'backup/export' | 'backup/import';
export type BackupHandlers = {
  [T in BackupTypes]: (request: RequestOf<T>) => Promise<ResponseMap[T]>;
};

/** The restore wrote something: added, updated or repaired records, or changed the settings. */
const changedAnything = (report: RestoreReport) =>
  [report.added, report.updated, report.repaired].some((counts) => Object.values(counts).some((n) => n > 0));

export function createBackupHandlers(deps: BackupHandlerDeps): BackupHandlers {
  const now = () => deps.now?.() ?? new Date();
  const maxBytes = deps.maxBytes ?? MAX_BACKUP_BYTES;
  return {
    /** The backup object; its `leftOut` counts the damaged records it could not include (exportSummary says so). */
    async 'backup/export'() {
      const backup = await exportBackup(await deps.db(), now());
      // Over the limit, the answer would not fit one message, and Options would refuse to restore the file anyway.
      if (jsonByteLength(backup) > maxBytes) {
        throw new HandlerError('too-large', `Your Dealside data is larger than ${MAX_BACKUP_LABEL}, more than one backup file can hold. Nothing was saved.`);
      }
      return backup;
    },

    async 'backup/import'(req) {
      const read = readBackup(req.backup);
      if (!read.ok) throw new HandlerError('bad-request', read.error);
      const db = await deps.db();
      const { report, dealKeys: added } = await restoreBackup(db, read.backup, { now: now() });
      if (report.added.settings) await mirrorTheme(deps.db); // a restore may set the theme
      // Deals read in another browser, or a date order the restore set: every stored date that
      // reads two ways is read again with this browser's settings.
      const reread = changedAnything(report) ? await rereadDealDates(db, now().toISOString()) : [];
      const dealKeys = [...new Set([...added, ...reread])];
      if (report.settings?.sitesAdded) await deps.sitesRestored?.((await getSettings(db)).crmSites).catch(() => undefined);
      if (changedAnything(report)) {
        // open sidebars reload their deal if it gained (or had updated) records; the popup reloads on any change; Options on settings
        await deps.broadcast?.({ kind: 'dealside/changed', dealKeys, tabIds: [], ...(report.added.settings ? { settings: true } : {}) });
      }
      return report;
    },
  };
}
