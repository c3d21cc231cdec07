/**
 * Next-step rules (ARCHITECTURE.md, "Domain rules"). Pure: callers pass the
 * clock and the user's zone, and decide whether to write what these return.
 */
import type { DealKey, NextStep, NextStepStatus } from '../model';
import { daysBetween, isoDateOfInstant, todayIn } from '../dates';

/** A dated next step whose text has not moved for this many days reads as "Stale". */
export const STALE_AFTER_DAYS = 14;

type StepLike = { text: string; due?: string; textChangedAt: string; doneAt?: string; crmClearedAt?: string };

/**
 * The step the deal has now: none when the CRM's page last showed its field blank
 * (`crmClearedAt`; the record is kept so the same text shown again restores it).
 */
export function liveNextStep<T extends { crmClearedAt?: string | undefined }>(step: T | null | undefined): T | null {
  return step && !step.crmClearedAt ? step : null;
}

/**
 * First match wins, in the order of NEXT_STEP_STATUSES. `today` (in
 * `timeZone`, at `now`) can be passed by callers that ask for many steps.
 */
export function nextStepStatus(stored: StepLike | null | undefined, now: Date, timeZone: string, today = todayIn(timeZone, now)): NextStepStatus {
  const step = liveNextStep(stored);
  if (!step || !step.text.trim()) return 'No next step';
  // Compare as instants: two ISO strings for the same moment can differ in precision.
  if (step.doneAt && Date.parse(step.doneAt) >= Date.parse(step.textChangedAt)) return 'Done';
  if (!step.due) return 'No date';
  if (step.due < today) return 'Overdue';
  if (step.due === today) return 'Due today';
  return textIsStale(step.textChangedAt, timeZone, today) ? 'Stale' : 'Scheduled';
}

/**
 * Whether STALE_AFTER_DAYS or more calendar days lie between the day
 * `changedAt` fell on in `timeZone` and `today`. That day is the UTC day or
 * one either side, so the UTC count settles it unless it is within a day of
 * the threshold; only then is the zone asked (Intl is the costly part when the
 * scorecard rates a thousand deals).
 */
export function textIsStale(changedAt: string, timeZone: string, today: string): boolean {
  const utcDays = daysBetween(changedAt.slice(0, 10), today);
  if (utcDays > STALE_AFTER_DAYS) return true;
  if (utcDays < STALE_AFTER_DAYS - 1) return false;
  return daysBetween(isoDateOfInstant(changedAt, timeZone), today) >= STALE_AFTER_DAYS;
}

/** Whitespace differences (the CRM re-renders, someone adds a space) are not a new next step. */
const normalise = (s: string) => s.trim().replace(/\s+/g, ' ');

/**
 * Whether two next-step texts are the same step: whitespace and capitals aside. A capital fixed
 * ("call dana" → "Call Dana") is no new step: it must not restart the stale clock or undo "Done".
 */
export function sameText(a: string, b: string): boolean {
  return normalise(a).toLowerCase() === normalise(b).toLowerCase();
}

/** Builds a NextStep without `undefined` keys, so stored records stay clean and comparable. */
function build(fields: {
  dealKey: DealKey;
  text: string;
  due: string | undefined;
  source: NextStep['source'];
  textChangedAt: string;
  doneAt: string | undefined;
  updatedAt: string;
  crmBasis?: NextStep['crmBasis'];
  crmClearedAt?: string;
}): NextStep {
  const { due, doneAt, crmBasis, crmClearedAt, ...rest } = fields;
  return {
    ...rest,
    ...(due ? { due } : {}),
    ...(doneAt ? { doneAt } : {}),
    ...(crmBasis ? { crmBasis } : {}),
    ...(crmClearedAt ? { crmClearedAt } : {}),
  };
}

/**
 * How a CRM snapshot's next step updates the stored one. When the page shows
 * no next-step field the stored step is kept (the sidebar may own it). When it
 * shows the field blank, a step from the CRM is marked cleared (`crmClearedAt`:
 * "No next step"), not erased: the same text shown again (a field blank for a
 * moment, mid-edit) restores it as it was. A step typed in the sidebar is the
 * deal's next step where the CRM has none, and stays. A step
 * typed in the sidebar over the CRM's stands while the CRM still shows the step
 * it replaced (`crmBasis`, by its text):
 * the sidebar says "a change in the CRM replaces this one", and reading the
 * same CRM step again is no change. When nothing would change the SAME object
 * is returned, so callers can skip the write with `result === existing`.
 */
export function mergeCrmNextStep(
  existing: NextStep | null,
  crm: { text: string; date?: { iso?: string | undefined } | undefined } | undefined,
  dealKey: DealKey,
  nowIso: string,
): NextStep | null {
  if (!crm) return existing;
  if (!normalise(crm.text)) {
    if (existing?.source !== 'crm' || !liveNextStep(existing)) return existing;
    return { ...existing, crmClearedAt: nowIso, updatedAt: nowIso };
  }
  // The CRM's step is its text: its date is read from that text, and the same text can read
  // as another date (a new date order; the first date still to come in a step naming several,
  // on a later day), which is no change in the CRM and must not replace what was typed here.
  const basis = existing?.source === 'sidebar' ? existing.crmBasis : undefined;
  if (basis && sameText(basis.text, crm.text)) return existing;
  const unchanged = existing !== null && sameText(existing.text, crm.text);
  // the same step is shown as the CRM writes it now (capitals fixed), but a re-render's whitespace writes nothing
  const text = unchanged && normalise(existing.text) === normalise(crm.text) ? existing.text : crm.text.trim();
  // A CRM date wins (over a sidebar date, once the step changed in the CRM: see above); a dateless
  // CRM step keeps our date only while it is the same step. A date the page shows that reads two
  // ways now (its order forgotten since it was read) gives none: the day it gave is not kept.
  const due = crm.date ? crm.date.iso : unchanged ? existing.due : undefined;
  const textChangedAt = unchanged ? existing.textChangedAt : nowIso;
  const doneAt = unchanged ? existing.doneAt : undefined;
  if (
    unchanged &&
    existing.source === 'crm' &&
    existing.dealKey === dealKey &&
    existing.text === text &&
    existing.due === due &&
    !existing.crmClearedAt
  ) {
    return existing;
  }
  return build({ dealKey, text, due, source: 'crm', textChangedAt, doneAt, updatedAt: nowIso });
}

/** The user typed a next step (and optionally a date) in the sidebar. `due` undefined clears the date. */
export function setSidebarNextStep(
  existing: NextStep | null,
  text: string,
  due: string | undefined,
  dealKey: DealKey,
  nowIso: string,
): NextStep {
  // a step cleared in the CRM is none: typing its words again is a new step (not "Done" at once, nor Stale)
  const live = liveNextStep(existing);
  const unchanged = live !== null && sameText(live.text, text);
  return build({
    dealKey,
    text: text.trim(),
    due,
    source: 'sidebar',
    // Only a new text restarts the stale clock and un-does "Done"; moving the date does not.
    textChangedAt: unchanged ? live.textChangedAt : nowIso,
    doneAt: unchanged ? live.doneAt : undefined,
    updatedAt: nowIso,
    // the CRM's step this replaces (or replaced, edited again): it holds until the CRM's changes
    // (a CRM step since cleared: the CRM's blank field, so any step it shows later replaces this one)
    crmBasis:
      existing?.source !== 'crm'
        ? existing?.crmBasis
        : existing.crmClearedAt
          ? { text: '' }
          : { text: existing.text, ...(existing.due ? { due: existing.due } : {}) },
  });
}

/** Done holds until the text changes (see nextStepStatus). */
export function markNextStepDone(existing: NextStep, nowIso: string): NextStep {
  return { ...existing, doneAt: nowIso, updatedAt: nowIso };
}
