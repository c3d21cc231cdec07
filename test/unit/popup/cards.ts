/**
 * Weeks as the background answers them, for the popup's tests: Tuesday Oct 27 2026 in New York,
 * this week Mon Oct 26 – Sun Nov 1. Sam Ortiz missed a promise due Oct 26, so he needs attention
 * this week and is on track the week before (that promise was not due then); Dana Reyes is on
 * track every week.
 */
import type { Commitment, Rep } from '../../../lib/model';
import type { ScorecardWeek } from '../../../lib/messages/protocol';
import { commitmentChanges, repWeeksOf } from '../../../lib/scorecard/rep-weeks';
import { buildScorecard, weekCardOf } from '../../../lib/scorecard/rollup';
import type { WeekCard } from '../../../lib/scorecard/types';

export const THIS_WEEK = '2026-10-26';
export const SAM = 'salesforce:Sam Ortiz';
export const rep = (name: string): Rep => ({ id: `salesforce:${name}`, crm: 'salesforce', name, firstSeenAt: '2026-09-01T12:00:00.000Z' });
const at = '2026-10-27T12:00:00.000Z';
const missed: Commitment = {
  id: 'm',
  dealKey: 'salesforce:acme/1',
  repId: SAM,
  text: 'the security questionnaire',
  due: '2026-10-26',
  statedBy: { name: 'Sam', role: 'rep' },
  statedAt: at,
  status: 'missed',
  resolution: { outcome: 'missed', note: '', by: { name: 'M', role: 'manager' }, at },
} as Commitment;

export function cardOf(weekStart: string, names = ['Sam Ortiz', 'Dana Reyes']): WeekCard {
  return weekCardOf(
    buildScorecard({
      weekStart,
      now: new Date('2026-10-27T16:00:00.000Z'),
      timeZone: 'America/New_York',
      reps: names.map(rep),
      weeks: repWeeksOf(commitmentChanges(null, missed)),
      reviews: [],
      deals: [],
    }),
  );
}

export const weekOf = (weekStart: string, names?: string[]): ScorecardWeek => ({
  card: cardOf(weekStart, names),
  thisWeekStart: THIS_WEEK,
  weekStartsOn: 1,
  theme: 'system',
  read: {} as ScorecardWeek['read'],
  ms: 1,
});
