import { useState, type ChangeEvent, type MouseEvent } from 'react';
import { send } from '../../lib/messages/client';
import { MAX_BACKUP_BYTES, MAX_BACKUP_LABEL, backupFileName, exportSummary, restoreSummary } from '../../lib/backup/file';
import type { RestoreReport } from '../../lib/backup/plan';
import { userTimeZone } from '../../lib/dates';

type Work = 'idle' | 'export' | 'import';

/**
 * What a restore did with the backup's settings (restoredSettings, lib/backup/restored-settings.ts),
 * in words: the counts alone would say "restored" or "kept" without saying what.
 */
export function settingsSummary(settings: RestoreReport['settings']): string {
  if (!settings) return '';
  const n = settings.sitesAdded;
  const sites = n === 1 ? '1 CRM site' : `${n} CRM sites`;
  const d = settings.dateOrdersAdded;
  const orders = d > 0 ? `how ${d === 1 ? '1 CRM site writes' : `${d} CRM sites write`} dates` : '';
  const access = n > 0 ? ` Under CRM sites, grant ${n === 1 ? 'it' : 'them'} access in this browser if asked.` : '';
  // taken with the backup's profile, or (nothing stored here) without one: it named no user
  if (settings.tookSettings) {
    const profile = settings.tookProfile ? ['name and role'] : [];
    const taken = [...profile, 'week start', 'theme', 'date order', ...(n > 0 ? [sites] : []), ...(orders ? [orders] : [])].join(', ');
    return `Settings were taken from the backup (${taken}); this browser’s sidebar layout was kept.${access}`;
  }
  const added = [...(n > 0 ? [sites] : []), ...(orders ? [orders] : [])];
  // "1 CRM site … was", "2 CRM sites … were", "how 2 CRM sites write dates … was", both: "were"
  const verb = added.length > 1 || n > 1 ? 'were' : 'was';
  if (added.length) return `Your settings here were kept; ${added.join(' and ')} from the backup ${verb} added.${access}`;
  return 'Your settings here were kept; the backup’s were not used.';
}

/** Hand `text` to the browser as a download: an object URL and a temporary link (no `downloads` permission). */
function saveAsFile(text: string, name: string) {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  // the browser has taken its copy once the download starts; a large file can take a moment
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/**
 * Options → Backup: download every record as a JSON file, or restore one.
 * The file goes from the page to the disk and back; nothing is uploaded.
 *
 * While working, the controls are aria-disabled rather than `disabled`: a
 * disabled control drops keyboard focus to the page, and the screen reader
 * would then read that instead of the result in the status line.
 */
export function BackupSection() {
  const [work, setWork] = useState<Work>('idle');
  const [status, setStatus] = useState('');
  const [error, setError] = useState('');
  const busy = work !== 'idle';

  const begin = (next: Work, progress: string) => {
    setWork(next);
    setError('');
    setStatus(progress);
  };
  const fail = (message: string) => {
    setStatus('');
    setError(message);
  };

  async function download() {
    if (busy) return;
    begin('export', 'Preparing the backup…');
    try {
      const backup = await send({ type: 'backup/export' });
      const name = backupFileName(new Date(), userTimeZone());
      saveAsFile(JSON.stringify(backup), name);
      // and how many damaged records could not be included, if any (they are left out, not exported broken)
      setStatus(exportSummary(name, backup));
    } catch (e) {
      fail(`The backup could not be made: ${(e as Error).message}`);
    } finally {
      setWork('idle');
    }
  }

  async function restore(event: ChangeEvent<HTMLInputElement>) {
    const input = event.currentTarget;
    const file = input.files?.[0];
    if (!file || busy) return;
    begin('import', 'Restoring…');
    try {
      // refused here, before reading: the file must fit one message to the background
      if (file.size > MAX_BACKUP_BYTES) {
        const mb = (file.size / 1024 / 1024).toFixed(1);
        fail(`“${file.name}” is ${mb} MB; Dealside restores backups of up to ${MAX_BACKUP_LABEL}. Nothing was restored.`);
        return;
      }
      let backup: unknown;
      try {
        backup = JSON.parse(await file.text());
      } catch {
        fail(`“${file.name}” is not valid JSON, so it is not a Dealside backup. Nothing was restored.`);
        return;
      }
      const report = await send({ type: 'backup/import', backup });
      setStatus([restoreSummary(report), settingsSummary(report.settings)].filter(Boolean).join(' '));
    } catch (e) {
      fail(`Could not restore: ${(e as Error).message}`);
    } finally {
      input.value = ''; // so choosing the same file again runs again
      setWork('idle');
    }
  }

  // aria-disabled does not stop activation: refuse to open the file picker while working
  const blockWhileBusy = (e: MouseEvent) => busy && e.preventDefault();

  return (
    <section aria-labelledby="backup-h">
      <h2 id="backup-h">Backup</h2>
      <p>
        A backup is a JSON file with everything Dealside has recorded, saved on this computer like any download. It is never
        uploaded anywhere.
      </p>
      <div aria-busy={busy}>
        <button type="button" className="primary" aria-disabled={busy} onClick={() => void download()}>
          Download backup
        </button>
        <label htmlFor="backup-file">Restore from a backup file</label>
        <input
          id="backup-file"
          type="file"
          accept=".json,application/json"
          aria-describedby="backup-file-hint"
          aria-disabled={busy}
          onClick={blockWhileBusy}
          onChange={(e) => void restore(e)}
        />
        <p id="backup-file-hint" className="hint">
          Adds the records in the file that are not here yet. Nothing already here is deleted; the only changes are an
          open promise taking the outcome the file recorded for it, a draft review taking its completed version, and a
          damaged record replaced by the file's sound copy. Files up to{' '}
          {MAX_BACKUP_LABEL}.
        </p>
      </div>
      <p role="status">{status}</p>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}
