/**
 * The new-record quotas of the deal reports (lib/rules/record-quota.ts), kept in
 * storage.session (memory only, cleared with the browser session, not reachable from content
 * scripts): the MV3 worker stops after 30 s idle, and one that started again with full
 * buckets would hand a page that paused for it a new burst every half minute. Loaded once per
 * worker start; written only when a report created a deal or a rep.
 */
import { browser } from 'wxt/browser';
import { createQuota, NEW_DEALS, NEW_REPS, type Quota } from '../rules/record-quota';

const KEY = 'dealside:newRecordQuotas';

export interface NewRecordQuotas {
  deals: Quota;
  reps: Quota;
}

export function sessionQuotas(): { load(): Promise<NewRecordQuotas>; save(quotas: NewRecordQuotas, nowMs: number): Promise<void> } {
  let loaded: Promise<NewRecordQuotas> | null = null;
  return {
    load() {
      loaded ??= browser.storage.session
        .get(KEY)
        .then((got) => (got[KEY] ?? {}) as { deals?: unknown; reps?: unknown })
        // unreadable: full buckets, as on a fresh start (the quota is a brake, not a lock)
        .catch(() => ({}) as { deals?: unknown; reps?: unknown })
        .then((saved) => ({ deals: createQuota(NEW_DEALS, saved?.deals ?? {}), reps: createQuota(NEW_REPS, saved?.reps ?? {}) }));
      return loaded;
    },
    async save(quotas, nowMs) {
      await browser.storage.session.set({ [KEY]: { deals: quotas.deals.state(nowMs), reps: quotas.reps.state(nowMs) } });
    },
  };
}
