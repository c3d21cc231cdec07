/**
 * Next-step health: which of a rep's deals count (open, seen lately), how their next steps
 * stand, and the deals that need a word in the 1:1. Pure; the records come from the
 * `pipeline` summaries (pipeline.ts) or full deals alike.
 */
import type { NextStepStatus } from '../model';
import { liveNextStep, nextStepStatus } from '../rules/next-step';
import { todayIn } from '../dates';
import { dealsSeenSince } from './week';
import type { RepScorecard, ScorecardInput } from './types';

/**
 * Words of a closed stage, in the languages Dealside reads CRM pages in (stage names
 * come as the CRM shows them, in the user's language): English, German, French,
 * Spanish, Italian, Dutch, Portuguese.
 */
const CLOSED_STAGE =
  /closed|won|lost|geschlossen|gewonnen|verloren|abgeschlossen|ferm[ée]|gagn[ée]|perdu|cerrad|ganad|perdid|chius|vint[oa]|pers[oa]\b|gesloten|fechad|ganho|perdido/i;

/** The "open" deal rule: a stage that does not read closed, won or lost, in any of those languages (no stage: open). */
export const isOpenStage = (stage: string | undefined) => !CLOSED_STAGE.test(stage ?? '');

const PROBLEM_ORDER: Record<NextStepStatus, number> = { 'No next step': 0, Overdue: 1, 'No date': 2, Done: 3, 'Due today': 4, Stale: 5, Scheduled: 6 };

/**
 * Next-step health per rep over their open deals seen in the last 30 days, as
 * of `now`: the counts for the table, and the deals whose next step needs a
 * word (worst first) for the 1:1 view, which asks for one rep's alone.
 */
export function pipelineHealthOf(
  deals: ScorecardInput['deals'],
  { now, timeZone, today = todayIn(timeZone, now) }: { now: Date; timeZone: string; today?: string },
): Map<string, Pick<RepScorecard, 'nextStep' | 'problemDeals'>> {
  const seenSince = Date.parse(dealsSeenSince(now));
  const byRep = new Map<string, Pick<RepScorecard, 'nextStep' | 'problemDeals'>>();
  for (const { deal, nextStep } of deals) {
    if (!deal.repId || !isOpenStage(deal.snapshot.stage) || Date.parse(deal.lastSeenAt) < seenSince) continue;
    let rep = byRep.get(deal.repId);
    if (!rep) byRep.set(deal.repId, (rep = { nextStep: emptyNextStepHealth(), problemDeals: [] }));
    const status = nextStepStatus(nextStep, now, timeZone, today);
    const h = rep.nextStep;
    h.deals++;
    // a step happening today is as covered as one dated ahead (it is not "missing")
    if (status === 'Scheduled' || status === 'Stale' || status === 'Due today') h.covered++;
    if (status === 'No next step') h.none++;
    else if (status === 'No date') h.noDate++;
    else if (status === 'Overdue') h.overdue++;
    else if (status === 'Due today') h.dueToday++;
    else if (status === 'Done') h.done++;
    if (status === 'Stale') h.stale++;
    if (status !== 'Scheduled') {
      const shown = liveNextStep(nextStep); // cleared in the CRM: "No next step", nothing more
      rep.problemDeals.push({
        key: deal.key,
        name: deal.snapshot.name ?? deal.key,
        url: deal.snapshot.url,
        status,
        ...(shown?.text ? { nextStep: shown.text } : {}),
        ...(shown?.due ? { due: shown.due } : {}),
      });
    }
  }
  for (const rep of byRep.values()) {
    rep.nextStep.coverage = rep.nextStep.deals > 0 ? rep.nextStep.covered / rep.nextStep.deals : null;
    rep.problemDeals.sort((a, b) => PROBLEM_ORDER[a.status] - PROBLEM_ORDER[b.status] || a.name.localeCompare(b.name));
  }
  return byRep;
}

/** No deal counted yet: a rep's health starts from it, and so does a row for a rep with no deal seen. */
export const emptyNextStepHealth = (): RepScorecard['nextStep'] => ({ deals: 0, covered: 0, coverage: null, none: 0, noDate: 0, overdue: 0, dueToday: 0, stale: 0, done: 0 });
