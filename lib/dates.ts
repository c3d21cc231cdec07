/**
 * Calendar-day maths in the user's zone. Pure: the clock (`now`) and the IANA
 * zone are always passed in, so the same code gives the same answer in the
 * extension, in tests and whatever TZ the process runs under.
 *
 * Calendar days ("YYYY-MM-DD") are handled as UTC midnights internally: UTC has
 * no DST, so adding days or counting them can never be off by an hour.
 */
const DAY_MS = 86_400_000;
export const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Calendar date of an instant as the wall calendar in `timeZone` shows it. */
const zoneFormats = new Map<string, Intl.DateTimeFormat>();
export function zoneParts(instant: Date, timeZone: string) {
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

export function toIso(year: number, month: number, day: number): string {
  return `${pad(year, 4)}-${pad(month)}-${pad(day)}`;
}

/** A real calendar date (rejects 2026-02-30) from 1900 to 9999 (the stored dates' range, lib/model/common.ts), or null. */
export function validIso(year: number, month: number, day: number): string | null {
  if (!(year >= 1900 && year <= 9999) || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
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

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** The user's IANA zone, as this browser reports it (the one impure helper here: no clock, no storage). */
export function userTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
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
const instantFormats = new Map<string, Intl.DateTimeFormat>();
export function formatInstant(instantIso: string, timeZone: string): string {
  // One formatter per zone: building one costs far more than formatting with it.
  let format = instantFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      month: 'short',
      day: 'numeric',
      year: 'numeric',
      hour: 'numeric',
      minute: '2-digit',
    });
    instantFormats.set(timeZone, format);
  }
  return (
    format
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

/**
 * Which way round `locale` writes a numeric date: day first ("31/12/2026", en-GB,
 * de, fr …) or month first ("12/31/2026", en-US; also for year-first locales,
 * whose writers type month before day). From the runtime's own locale data.
 */
export function numericDateOrderOf(locale: string | undefined): 'day-first' | 'month-first' {
  try {
    const parts = new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'numeric', year: 'numeric', timeZone: 'UTC' })
      .formatToParts(new Date(Date.UTC(2026, 11, 31)))
      .map((p) => p.type);
    return parts.indexOf('day') < parts.indexOf('month') ? 'day-first' : 'month-first';
  } catch {
    return 'month-first';
  }
}
