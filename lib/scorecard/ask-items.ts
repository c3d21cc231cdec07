/**
 * The 1:1's ask list: a rep's promises for the week and those still unanswered from before,
 * in the order to bring them up. Pure.
 */
import type { Commitment } from '../model';
import { commitmentQuestionLead } from '../rules/commitments';
import { inRange, weekOf } from './week';
import type { AskItem } from './types';

/**
 * The 1:1 list for one rep and week: each commitment due in the week, and each
 * due before it and still open (what nobody has answered yet), what to ask
 * about first (open past due, missed, due today, open), linked to its deal.
 * The popup asks for it when a rep's row is opened (lib/db/scorecard.ts).
 */
export function askItemsFor(
  commitments: readonly Commitment[],
  { weekStart, today, dealLinks = {} }: { weekStart: string; today: string; dealLinks?: Readonly<Record<string, { name?: string | undefined; url?: string | undefined }>> },
): AskItem[] {
  const week = weekOf(weekStart);
  // every promise still open from an earlier week, however old: the card counts them all (those
  // from before its eight weeks through `openBefore`), and the 1:1 asks about the same ones
  const order: Record<AskItem['state'], number> = { 'open-past-due': 0, missed: 1, 'due-today': 2, open: 3, renegotiated: 4, dropped: 5, kept: 6 };
  return commitments
    .filter((c) => inRange(c.due, week) || (c.status === 'open' && c.due < week.start && c.due < today))
    .map((c): AskItem => {
      const link = dealLinks[c.dealKey];
      return {
        id: c.id,
        dealKey: c.dealKey,
        dealName: link?.name ?? null,
        url: link?.url ?? null,
        text: c.text,
        due: c.due,
        // "due" is today or earlier: a promise due today is asked about, not yet counted past due
        state: c.status === 'open' ? (c.due < today ? 'open-past-due' : c.due === today ? 'due-today' : 'open') : c.status,
        lead: commitmentQuestionLead(c),
        ...(c.resolution?.note ? { outcomeNote: c.resolution.note } : {}),
        ...(c.resolution?.reason ? { reason: c.resolution.reason } : {}),
        ...(c.resolution?.newDue ? { newDue: c.resolution.newDue } : {}),
      };
    })
    .sort((a, b) => order[a.state] - order[b.state] || a.due.localeCompare(b.due) || a.id.localeCompare(b.id));
}
