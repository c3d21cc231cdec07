/**
 * Which way round a CRM site writes its numeric dates (05/11/2026: 5 November
 * or May 11), and keeping stored deals in step when that becomes known. The
 * page's `<html lang>` names the user's language, not the locale the CRM
 * formats dates with, so it is the weakest evidence (lib/crm/values.ts
 * chooseDateOrder): a date the site writes with a part above 12 is learned
 * per site, and the user can say it outright in Options.
 */
import { chooseDateOrder, enrichSnapshot, isOrderDependentDate, snapshotDateOrder, type DateOrder } from '../crm/values';
import { dealRecordSchema, nextStepSchema, type DealRecord, type DealSnapshotData, type Settings } from '../model';
import { mergeCrmNextStep, sameText } from '../rules/next-step';
import type { DB } from './open';
import { PIPELINE_STORES, pipelineStoresOf, refreshPipelineEntry } from './pipeline';
import { getSettings, patchSettings } from './settings';
import { validOrNull } from './validate';

type OrderSettings = Pick<Settings, 'dateOrder' | 'dateOrderBySite'>;

/** The order to read `snapshot`'s dates in, from everything known. */
export function dateOrderFor(settings: OrderSettings, snapshot: Pick<DealSnapshotData, 'host' | 'locale' | 'closeDate' | 'nextStep'>): DateOrder | undefined {
  return chooseDateOrder({
    setting: settings.dateOrder,
    snapshot: snapshotDateOrder(snapshot),
    site: settings.dateOrderBySite[snapshot.host],
    locale: snapshot.locale,
  });
}

/**
 * Remember the order a site's date just proved. Returns whether that is news
 * (the site's deals read before it may then have been read the other way).
 */
export async function learnDateOrder(db: DB, host: string, order: DateOrder): Promise<boolean> {
  const { dateOrderBySite: known } = await getSettings(db);
  if (known[host] === order) return false;
  // re-inserted last: the map keeps the sites learned most recently
  const { [host]: _old, ...others } = known;
  await patchSettings(db, { dateOrderBySite: { ...others, [host]: order } });
  return true;
}

/**
 * Read again the order-dependent dates (close date, next-step date) of every
 * stored deal, with what is known now; a CRM next step still showing the same
 * text takes the new date. Only deals with such a date are touched; one
 * transaction, so the pipeline summaries move with them. Returns the deals changed.
 */
export async function rereadDealDates(db: DB, onlyHost?: string): Promise<string[]> {
  const settings = await getSettings(db);
  const now = new Date().toISOString();
  const tx = db.transaction([...PIPELINE_STORES], 'readwrite');
  const stores = pipelineStoresOf(tx);
  const changed: string[] = [];
  for (let cursor = await stores.deals.openCursor(); cursor; cursor = await cursor.continue()) {
    const deal = validOrNull(dealRecordSchema, cursor.value, 'deal');
    const before = deal?.snapshot;
    if (!deal || !before || (onlyHost && before.host !== onlyHost)) continue;
    if (!isOrderDependentDate(before.closeDate?.text) && !isOrderDependentDate(before.nextStep?.text)) continue;
    const snapshot = enrichSnapshot(before, dateOrderFor(settings, before));
    if (JSON.stringify(snapshot) === JSON.stringify(before)) continue;
    const updated: DealRecord = { ...deal, snapshot };
    await cursor.update(updated);
    const step = validOrNull(nextStepSchema, await stores.nextSteps.get(deal.key), 'next step');
    // only the step the CRM showed, still showing: one the user typed, or a newer text, keeps its date
    const crmStep = snapshot.nextStep;
    const merged =
      step?.source === 'crm' && crmStep && sameText(step.text, crmStep.text) ? mergeCrmNextStep(step, crmStep, deal.key, now) : step;
    if (merged && merged !== step) await stores.nextSteps.put(merged);
    await refreshPipelineEntry(stores, deal.key, { deal: updated, step: merged }, now);
    changed.push(deal.key);
  }
  await tx.done;
  return changed;
}
