/**
 * Week arithmetic for the scorecard. Pure: calendar days are ISO strings in
 * the user's zone (see lib/dates.ts); instants are converted to days only
 * through `isoDateOfInstant(…, timeZone)`, so the process zone never matters.
 */
import { addDays, cachedFormat, displayLocale, startOfWeek, todayIn } from '../dates';

/** Weeks shown in each sparkline (this week and the seven before it). */
export const SPARKLINE_WEEKS = 8;
/** Weeks in the trailing windows (say/do, score trend). */
export const TRAILING_WEEKS = 4;
/** Open deals count toward next-step health when seen this many days back. */
export const DEAL_SEEN_WITHIN_DAYS = 30;

/** The earliest last-seen instant (ISO) that still counts at `now`: DEAL_SEEN_WITHIN_DAYS back. */
export function dealsSeenSince(now: Date | number): string {
  return new Date((typeof now === 'number' ? now : now.getTime()) - DEAL_SEEN_WITHIN_DAYS * 86_400_000).toISOString();
}

export interface WeekRange {
  /** first day (inclusive) */
  start: string;
  /** last day (inclusive) */
  end: string;
}

export function weekOf(start: string): WeekRange {
  return { start, end: addDays(start, 6) };
}

/** The first day of the week `offset` weeks from the one containing `now` in `timeZone`. */
export function weekStartFor(now: Date, timeZone: string, weekStartsOn: number, offset = 0): string {
  return addDays(startOfWeek(todayIn(timeZone, now), weekStartsOn), 7 * offset);
}

/** Snap any day to the first day of its week. */
export function snapToWeekStart(isoDate: string, weekStartsOn: number): string {
  return startOfWeek(isoDate, weekStartsOn);
}

/** The `count` week starts ending with `weekStart`, oldest first. */
export function weekStartsEndingWith(weekStart: string, count: number): string[] {
  return Array.from({ length: count }, (_, i) => addDays(weekStart, -7 * (count - 1 - i)));
}

/**
 * The day windows a week's scorecard needs:
 * - `week`: the selected week;
 * - `sayDo`: the four weeks ending with it (say/do ratio);
 * - `trailing`: the four weeks before it (score trend baseline);
 * - `spark`: the eight weeks ending with it (sparklines).
 */
export function scorecardWindows(weekStart: string) {
  const week = weekOf(weekStart);
  return {
    week,
    sayDo: { start: addDays(weekStart, -7 * (TRAILING_WEEKS - 1)), end: week.end },
    trailing: { start: addDays(weekStart, -7 * TRAILING_WEEKS), end: addDays(weekStart, -1) },
    spark: { start: addDays(weekStart, -7 * (SPARKLINE_WEEKS - 1)), end: week.end },
  };
}

export const inRange = (day: string, r: WeekRange) => day >= r.start && day <= r.end;

/**
 * A UTC-instant range (ISO strings) that surely contains every instant whose
 * calendar day in any zone lies in `r` (zones are within UTC−12…UTC+14).
 * Index queries use it; callers then keep only instants whose day in the
 * user's zone is in `r`.
 */
export function instantBoundsCovering(r: WeekRange): { lower: string; upper: string } {
  return { lower: `${addDays(r.start, -1)}T10:00:00.000Z`, upper: `${addDays(r.end, 1)}T14:00:00.000Z` };
}

/**
 * "Nov 23 – Nov 29, 2026" (or across years "Dec 28, 2026 – Jan 3, 2027"); in the user's region's
 * order by default (en-GB "23 Nov – 29 Nov 2026"). `locale` pins one (say 'en-US' for text that
 * must not depend on who produced it).
 */
const dayFormats = new Map<string, Intl.DateTimeFormat>();
const dayYearFormats = new Map<string, Intl.DateTimeFormat>();
export function formatWeek(r: WeekRange, locale: string = displayLocale()): string {
  const fmt = (iso: string, year: boolean) =>
    cachedFormat(year ? dayYearFormats : dayFormats, locale, 'UTC', { month: 'short', day: 'numeric', ...(year ? { year: 'numeric' } : {}) }).format(
      new Date(`${iso}T00:00:00.000Z`),
    );
  const sameYear = r.start.slice(0, 4) === r.end.slice(0, 4);
  return `${fmt(r.start, !sameYear)} – ${fmt(r.end, true)}`;
}
