/**
 * What a CRM page reported, recorded in one transaction: the site's date order
 * learned when its close date proves one (re-reading its stored deals), the
 * texts parsed with the order known at that moment, the deal and its CRM next
 * step written, the pipeline summary refreshed. A change of the date order
 * elsewhere (Options, another tab) can then never slip between the parse and
 * the write and leave this deal read the old way.
 */
import { enrichSnapshot, snapshotDateOrder } from '../crm/values';
import { dealKeyOf, dealSnapshotSchema, nextStepSchema, type DealKey, type DealRecord, type DealSnapshotData } from '../model';
import { mergeCrmNextStep } from '../rules/next-step';
import { changeSettingsIn, dateOrderFor, learnedOrderChange } from './date-order';
import { inTransaction } from './in-transaction';
import { writeDealSnapshot, type AdmitNewRecords } from './deals';
import type { DB } from './open';
import { PIPELINE_STORES, pipelineStoresOf, refreshPipelineEntry } from './pipeline';
import { storedSettings } from './settings';
import { validOrNull } from './validate';

export interface RecordedSnapshot {
  dealKey: DealKey;
  deal: DealRecord;
  /** a field a person would see changed (or the deal is new) */
  fieldsChanged: boolean;
  /** the deal's next step was written */
  stepChanged: boolean;
  /** set when this report taught its site's date order: the deals read again */
  learned: { reread: string[] } | null;
}

/** `raw`: the page's report, already checked by the protocol's schema and against the sender's host. */
/** `admit`: asked before the report creates a deal or a rep, and may refuse (lib/db/deals.ts). */
export async function recordSnapshot(db: DB, raw: DealSnapshotData, nowIso: string, admit?: AdmitNewRecords): Promise<RecordedSnapshot> {
  const tx = db.transaction([...PIPELINE_STORES, 'reps', 'settings'], 'readwrite');
  return inTransaction(tx, async () => {
    const stores = pipelineStoresOf(tx);
    const settingsStore = tx.objectStore('settings');
    let settings = storedSettings(await settingsStore.get('settings'));
    let learned: RecordedSnapshot['learned'] = null;
    const proven = snapshotDateOrder(raw);
    const change = proven ? learnedOrderChange(settings, raw.host, proven) : null;
    if (change) {
      const { after, reread } = await changeSettingsIn(stores, settingsStore, settings, change, nowIso);
      settings = after;
      learned = { reread };
    }
    // Parse amounts and dates here, from the texts: whatever values the page sent are replaced.
    const snapshot = dealSnapshotSchema.parse(enrichSnapshot(raw, dateOrderFor(settings, raw)));
    const dealKey = dealKeyOf(snapshot.crm, snapshot.recordId, snapshot.host);
    const { deal, changed } = await writeDealSnapshot({ ...stores, reps: tx.objectStore('reps') }, dealKey, snapshot, nowIso, admit);
    const step = validOrNull(nextStepSchema, await stores.nextSteps.get(dealKey), 'next step');
    const merged = mergeCrmNextStep(step, snapshot.nextStep, dealKey, nowIso);
    const stepChanged = !!merged && merged !== step;
    if (stepChanged) await stores.nextSteps.put(merged);
    await refreshPipelineEntry(stores, dealKey, { deal, step: merged }, nowIso);
    return { dealKey, deal, fieldsChanged: changed, stepChanged, learned };
  });
}
