/**
 * Calendar-day maths in the user's zone. Pure: the clock (`now`) and the IANA
 * zone are always passed in, so the same code gives the same answer in the
 * extension, in tests and whatever TZ the process runs under.
 *
 * Calendar days ("YYYY-MM-DD") are handled as UTC midnights internally: UTC has
 * no DST, so adding days or counting them can never be off by an hour.
 */
import * as chrono from 'chrono-node';

const DAY_MS = 86_400_000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Calendar date of an instant as the wall calendar in `timeZone` shows it. */
const zoneFormats = new Map<string, Intl.DateTimeFormat>();
function zoneParts(instant: Date, timeZone: string) {
  // Building an Intl.DateTimeFormat costs far more than using one: keep one per zone.
  let format = zoneFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: 'numeric', day: 'numeric' });
    zoneFormats.set(timeZone, format);
  }
  const parts = format.formatToParts(instant);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  return { year: get('year'), month: get('month'), day: get('day') };
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

function toIso(year: number, month: number, day: number): string {
  return `${pad(year, 4)}-${pad(month)}-${pad(day)}`;
}

/** A real calendar date (rejects 2026-02-30), or null. */
function validIso(year: number, month: number, day: number): string | null {
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  return toIso(year, month, day);
}

function utcMs(isoDate: string): number {
  const m = ISO_DATE.exec(isoDate);
  if (!m) throw new RangeError(`not an ISO date: ${isoDate}`);
  return Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
}

function fromUtcMs(ms: number): string {
  const d = new Date(ms);
  return toIso(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Today's date (YYYY-MM-DD) on the wall calendar of `timeZone`. */
export function todayIn(timeZone: string, now: Date): string {
  const p = zoneParts(now, timeZone);
  return toIso(p.year, p.month, p.day);
}

/** The calendar date an instant falls on in `timeZone`. */
export function isoDateOfInstant(instantIso: string, timeZone: string): string {
  return todayIn(timeZone, new Date(instantIso));
}

export function addDays(isoDate: string, n: number): string {
  return fromUtcMs(utcMs(isoDate) + n * DAY_MS);
}

/** Calendar days from `a` to `b` (positive when b is later). */
export function daysBetween(a: string, b: string): number {
  return Math.round((utcMs(b) - utcMs(a)) / DAY_MS);
}

/** ISO weekday: 1 = Monday … 7 = Sunday. */
export function weekdayOf(isoDate: string): number {
  return ((new Date(utcMs(isoDate)).getUTCDay() + 6) % 7) + 1;
}

/** First day of the week containing `isoDate`, weeks starting on ISO weekday `weekStartsOn`. */
export function startOfWeek(isoDate: string, weekStartsOn: number): string {
  return addDays(isoDate, -((weekdayOf(isoDate) - weekStartsOn + 7) % 7));
}

function endOfMonth(isoDate: string, monthsAhead = 0): string {
  const [y, m] = isoDate.split('-').map(Number) as [number, number];
  const total = y * 12 + (m - 1) + monthsAhead;
  const year = Math.floor(total / 12);
  const month = (total % 12) + 1;
  return toIso(year, month, daysInMonth(year, month));
}

function endOfQuarter(isoDate: string, quartersAhead = 0): string {
  const m = Number(isoDate.slice(5, 7));
  const monthsToQuarterEnd = 2 - ((m - 1) % 3);
  return endOfMonth(isoDate, monthsToQuarterEnd + 3 * quartersAhead);
}

/** The coming Friday: today when today is Friday. */
function endOfWeek(isoDate: string, weeksAhead = 0): string {
  return addDays(isoDate, ((5 - weekdayOf(isoDate) + 7) % 7) + 7 * weeksAhead);
}

/** Sales shorthand chrono does not know (or knows differently), relative to `today`. */
function parseShorthand(text: string, today: string): string | null {
  if (text === 'eom') return endOfMonth(today);
  if (text === 'eow') return endOfWeek(today);
  if (text === 'eoq') return endOfQuarter(today);
  if (text === 'next week') return addDays(startOfWeek(today, 1), 7); // Monday of next week
  const m = /^(?:the\s+)?end\s+of\s+(?:(the|this|next)\s+)?(week|month|quarter)$/.exec(text);
  if (!m) return null;
  const ahead = m[1] === 'next' ? 1 : 0;
  if (m[2] === 'week') return endOfWeek(today, ahead);
  if (m[2] === 'month') return endOfMonth(today, ahead);
  return endOfQuarter(today, ahead);
}

/** Leftovers a rep may type around a date that do not change the day. */
const HARMLESS_LEFTOVER = /^[\s,.!]*(?:(?:eod|eob|cob|end of day|close of business)[\s,.!]*)?$/;

/**
 * What a rep types for a due date → the calendar date in `timeZone`.
 * Accepts: ISO "2026-12-03"; US month-first "12/3/2026", "12/3/26" or "12/3"
 * (next such day); "end of month|week|quarter", "EOM", "EOW" (the coming
 * Friday), "EOQ" (calendar quarter); "next week" (its Monday); and anything
 * chrono understands ("Dec 3", "Thursday", "next Friday" = Friday of next
 * week, "tomorrow", "in 2 weeks"). Weekdays resolve forward (today or later).
 * A leading "by/before/on/until/due" is ignored. Garbage → null.
 */
export function parseDue(input: string, now: Date, timeZone: string): { iso: string; label: string } | null {
  const text = input
    .trim()
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .replace(/^(?:due\s+)?(?:by|before|on|until|till)\s+/, '')
    .replace(/^due\s+/, '')
    .replace(/[\s.!,]+$/, '');
  if (!text) return null;
  const today = todayIn(timeZone, now);
  const iso = parseNumeric(text, today) ?? parseShorthand(text, today) ?? parseWords(text, now, timeZone);
  return iso ? { iso, label: formatDay(iso) } : null;
}

function parseNumeric(text: string, today: string): string | null {
  const iso = ISO_DATE.exec(text);
  if (iso) return validIso(Number(iso[1]), Number(iso[2]), Number(iso[3]));
  const us = /^(\d{1,2})\/(\d{1,2})(?:\/(\d{2}|\d{4}))?$/.exec(text);
  if (!us) return null;
  const month = Number(us[1]);
  const day = Number(us[2]);
  if (us[3]) {
    const year = us[3].length === 2 ? 2000 + Number(us[3]) : Number(us[3]);
    return validIso(year, month, day);
  }
  // No year: the next time that day comes round, so "12/3" typed in December means this year.
  const thisYear = Number(today.slice(0, 4));
  const candidate = validIso(thisYear, month, day);
  if (candidate && candidate >= today) return candidate;
  return validIso(thisYear + 1, month, day);
}

function parseWords(text: string, now: Date, timeZone: string): string | null {
  // chrono reasons in the process's local zone. Give it a reference on the
  // user's calendar day in local time, then read the calendar components it
  // returns (not its Date) so the process TZ never leaks in. Noon, not the
  // real time: with forwardDate chrono pushes today's weekday a week out once
  // the clock is past noon, and a due date should not depend on the hour
  // (noon also sidesteps DST gaps, which happen at night).
  const p = zoneParts(now, timeZone);
  const reference = new Date(p.year, p.month - 1, p.day, 12, 0);
  const [result] = chrono.en.casual.parse(text, reference, { forwardDate: true });
  if (!result) return null;
  // The whole input must be the date: "call asdf thursday" is not a due date.
  const leftover = text.slice(0, result.index) + text.slice(result.index + result.text.length);
  if (!HARMLESS_LEFTOVER.test(leftover)) return null;
  const s = result.start;
  const y = s.get('year');
  const m = s.get('month');
  const d = s.get('day');
  return y && m && d ? validIso(y, m, d) : null;
}

const dayFormat = new Intl.DateTimeFormat('en-US', {
  timeZone: 'UTC',
  weekday: 'short',
  month: 'short',
  day: 'numeric',
  year: 'numeric',
});

/** "2026-12-03" → "Thu, Dec 3, 2026". */
export function formatDay(isoDate: string): string {
  return dayFormat.format(new Date(utcMs(isoDate)));
}

/** An instant as the user's wall clock shows it: "Dec 3, 2026, 2:05 PM". */
export function formatInstant(instantIso: string, timeZone: string): string {
  return (
    new Intl.DateTimeFormat('en-US', {
      timeZone,
      month: 'short',
      day: 'numeric',
      year: 'numeric',
      hour: 'numeric',
      minute: '2-digit',
    })
      .format(new Date(instantIso))
      // newer ICU puts a narrow no-break space before AM/PM; keep output plain
      .replace(/[\u202f\u00a0]/g, ' ')
  );
}

/** "just now", "5 min ago", "3 h ago", "2 days ago". Future instants (clock skew) read "just now". */
export function relativeAgo(instantIso: string, now: Date): string {
  const seconds = Math.floor((now.getTime() - Date.parse(instantIso)) / 1000);
  if (!(seconds >= 60)) return 'just now';
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min ago`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return `${hours} h ago`;
  const days = Math.floor(hours / 24);
  return days === 1 ? '1 day ago' : `${days} days ago`;
}
