/**
 * Which way round a CRM site writes its numeric dates (05/11/2026: 5 November
 * or May 11), and keeping stored deals in step when that changes. The page's
 * `<html lang>` names the user's language, not the locale the CRM formats
 * dates with, so it is the weakest evidence (lib/crm/values.ts
 * chooseDateOrder): a close date the site writes with a part above 12 is
 * learned per site, and the user can say it outright in Options.
 *
 * Every change of what decides the order (the setting, a site's learned order)
 * is written in the same transaction as the re-read of the deals it affects:
 * a worker stopped half way leaves neither, never an order learned whose deals
 * were not read again.
 */
import type { IDBPObjectStore, StoreNames } from 'idb';
import { chooseDateOrder, enrichSnapshot, isOrderDependentDate, snapshotDateOrder, type DateOrder } from '../crm/values';
import { dealRecordSchema, dealSnapshotSchema, mergeLearnedDateOrders, nextStepSchema, type DealRecord, type DealSnapshotData, type NextStep, type Settings } from '../model';
import { sameText } from '../rules/next-step';
import type { DB } from './open';
import { PIPELINE_STORES, pipelineStoresOf, refreshPipelineEntry, type PipelineStores } from './pipeline';
import type { DealsideDB } from './schema';
import { applySettingsChange, storedSettings, type SettingsChange } from './settings';
import { validOrNull } from './validate';
import { inTransaction } from './in-transaction';

type OrderSettings = Pick<Settings, 'dateOrder' | 'dateOrderBySite'>;
type SettingsStore = IDBPObjectStore<DealsideDB, ArrayLike<StoreNames<DealsideDB>>, 'settings', 'readwrite'>;

/** The order to read `snapshot`'s dates in, from everything known. */
export function dateOrderFor(settings: OrderSettings, snapshot: Pick<DealSnapshotData, 'host' | 'locale' | 'closeDate'>): DateOrder | undefined {
  return chooseDateOrder({
    setting: settings.dateOrder,
    snapshot: snapshotDateOrder(snapshot),
    site: settings.dateOrderBySite[snapshot.host],
    locale: snapshot.locale,
  });
}

/** The settings change that records `order` for `host`; null when already known. */
export function learnedOrderChange(settings: OrderSettings, host: string, order: DateOrder): SettingsChange | null {
  return settings.dateOrderBySite[host] === order ? null : { dateOrderBySite: mergeLearnedDateOrders(settings.dateOrderBySite, { [host]: order }) };
}

/** Which sites' deals read differently after a settings change: all, some, or none. */
function sitesToReread(before: OrderSettings, after: OrderSettings): 'all' | Set<string> {
  if (before.dateOrder !== after.dateOrder) return 'all';
  const hosts = new Set([...Object.keys(before.dateOrderBySite), ...Object.keys(after.dateOrderBySite)]);
  return new Set([...hosts].filter((h) => before.dateOrderBySite[h] !== after.dateOrderBySite[h]));
}

/**
 * Inside the caller's transaction: write `patch` over `before` (the settings as
 * stored) and read again the dates of the deals whose order that changes.
 */
export async function changeSettingsIn(
  stores: PipelineStores,
  settingsStore: SettingsStore,
  before: Settings,
  patch: SettingsChange,
  nowIso: string,
): Promise<{ after: Settings; reread: string[] }> {
  const after = applySettingsChange(before, patch);
  await settingsStore.put(after, 'settings');
  const sites = sitesToReread(before, after);
  const reread = sites === 'all' || sites.size ? await rereadIn(stores, after, sites, nowIso) : [];
  return { after, reread };
}


/**
 * Change the settings (`change` sees them as stored; null: no change) and, in the
 * same transaction, read again the dates of every deal whose order that changes.
 * Returns the settings before and after, and the deals whose dates changed.
 */
export async function changeSettingsRereadingDates(
  db: DB,
  change: (current: Settings) => SettingsChange | null,
  nowIso: string,
): Promise<{ before: Settings; after: Settings; reread: string[] }> {
  const tx = db.transaction([...PIPELINE_STORES, 'settings'], 'readwrite');
  return inTransaction(tx, async () => {
    const settingsStore = tx.objectStore('settings');
    const before = storedSettings(await settingsStore.get('settings'));
    const patch = change(before);
    if (!patch) return { before, after: before, reread: [] };
    return { before, ...(await changeSettingsIn(pipelineStoresOf(tx), settingsStore, before, patch, nowIso)) };
  });
}

/** Read every stored deal's order-dependent dates again with the settings as stored (after a restore). */
export async function rereadDealDates(db: DB, nowIso: string): Promise<string[]> {
  const tx = db.transaction([...PIPELINE_STORES, 'settings'], 'readwrite');
  return inTransaction(tx, async () => {
    const settings = storedSettings(await tx.objectStore('settings').get('settings'));
    return rereadIn(pipelineStoresOf(tx), settings, 'all', nowIso);
  });
}

/** A stored deal's raw record, looked at before any validation: on a site in `sites`, with a date that reads two ways? */
function mayReadDifferently(value: unknown, sites: 'all' | Set<string>): boolean {
  const snapshot = (value as { snapshot?: { host?: unknown; closeDate?: { text?: unknown }; nextStep?: { text?: unknown } } } | null)?.snapshot;
  if (!snapshot || typeof snapshot.host !== 'string' || (sites !== 'all' && !sites.has(snapshot.host))) return false;
  const text = (x: unknown) => (typeof x === 'string' ? x : undefined);
  return isOrderDependentDate(text(snapshot.closeDate?.text)) || isOrderDependentDate(text(snapshot.nextStep?.text));
}

/**
 * The close date and CRM next-step date of each deal on `sites` whose text reads
 * two ways, read again with `settings`. The next step takes the new date only
 * while it is the CRM's step with the date Dealside read from it (a date the
 * user set in the sidebar stays), and takes "no date" when the order is no
 * longer known. Awaits only requests of this transaction (it must not commit
 * half way). Returns the deals whose dates changed.
 */
async function rereadIn(stores: PipelineStores, settings: OrderSettings, sites: 'all' | Set<string>, nowIso: string): Promise<string[]> {
  const changed: string[] = [];
  for (let cursor = await stores.deals.openCursor(); cursor; cursor = await cursor.continue()) {
    if (!mayReadDifferently(cursor.value, sites)) continue;
    const deal = validOrNull(dealRecordSchema, cursor.value, 'deal');
    const before = deal?.snapshot;
    if (!deal || !before) continue;
    const snapshot = dealSnapshotSchema.parse(enrichSnapshot(before, dateOrderFor(settings, before)));
    const stepDate = snapshot.nextStep?.date?.iso;
    if (snapshot.closeDate?.iso === before.closeDate?.iso && stepDate === before.nextStep?.date?.iso) continue;
    const updated: DealRecord = { ...deal, snapshot };
    await cursor.update(updated);
    changed.push(deal.key);
    const step = validOrNull(nextStepSchema, await stores.nextSteps.get(deal.key), 'next step');
    const readFromCrm =
      step?.source === 'crm' && snapshot.nextStep && sameText(step.text, snapshot.nextStep.text) && step.due === before.nextStep?.date?.iso;
    if (!step || !readFromCrm || step.due === stepDate) continue;
    const { due: _old, ...rest } = step;
    const next: NextStep = { ...rest, ...(stepDate ? { due: stepDate } : {}), updatedAt: nowIso };
    await stores.nextSteps.put(next);
    // the pipeline summary holds the step's date (not the close date): refreshed only when that moved
    await refreshPipelineEntry(stores, deal.key, { deal: updated, step: next }, nowIso);
  }
  return changed;
}
