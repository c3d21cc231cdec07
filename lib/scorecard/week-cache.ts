/**
 * This week's scorecard, kept for the popup's next open. MV3 stops the
 * background's worker after 30 s idle, and starting it again is most of what
 * a popup opened later waits for (~115 ms of ~220 on the benchmark machine).
 * The background keeps its last answer for this week in session storage
 * (memory only, extension pages only), tagged with the database's generation:
 * every request that may write anything stamps a new generation, before and
 * after it runs. The popup shows the kept card at once only if its generation
 * is still the current one and it was made today, then takes the fresh answer
 * as before. So a kept card is never one that a write could have changed.
 *
 * Pure: the browser side (session storage, the router wrapper) is
 * lib/handlers/week-cache.ts.
 */
import type { ScorecardWeek } from '../messages/protocol';
import { todayIn } from '../dates';

export const WEEK_CACHE_KEY = 'dealside:thisWeek';
export const GENERATION_KEY = 'dealside:generation';

export interface KeptWeek {
  v: 1;
  /** the generation current when the card was computed (read before reading the database) */
  generation: string;
  /** the user's calendar day it was computed on: past-due and overdue move with the day */
  day: string;
  week: ScorecardWeek;
}

export function keptWeek(generation: string, at: Date, timeZone: string, week: ScorecardWeek): KeptWeek {
  return { v: 1, generation, day: todayIn(timeZone, at), week };
}

const isObject = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null;

/**
 * The kept card from what session storage holds (both keys), if it may be
 * shown now: same generation, same day, this week's, and in the shape the
 * popup renders. Anything else (none kept, a write since, another day, an
 * older format, odd data) gives null: the popup waits for the fresh answer.
 */
export function usableKeptWeek(stored: unknown, at: Date, timeZone: string): ScorecardWeek | null {
  if (!isObject(stored)) return null;
  const kept = stored[WEEK_CACHE_KEY];
  const generation = stored[GENERATION_KEY];
  if (!isObject(kept) || kept.v !== 1 || typeof generation !== 'string' || kept.generation !== generation) return null;
  if (kept.day !== todayIn(timeZone, at)) return null;
  const week = kept.week;
  if (!isObject(week) || !isObject(week.card) || !Array.isArray(week.card.rows)) return null;
  if (typeof week.thisWeekStart !== 'string' || week.card.weekStart !== week.thisWeekStart) return null;
  if (typeof week.weekStartsOn !== 'number' || typeof week.theme !== 'string' || !isObject(week.read)) return null;
  return week as unknown as ScorecardWeek;
}
