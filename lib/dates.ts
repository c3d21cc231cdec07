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

const englishLocales = new Map<string, string>(); // browser language → display locale (the check builds a formatter: once each)

/**
 * The locale dates and times are shown in: always English words, but the day/month order and
 * the 12/24-hour clock of the user's region, read from the browser's language ('en-GB' →
 * "en-GB", 'de-DE' or plain 'de' → "en-DE"); for a region the runtime has no English data for,
 * English in the order and clock of the user's own language ('pt-BR' → "en-GB", day first,
 * 24-hour). 'en-US', a bare 'en', an unreadable or unknown tag or no `navigator` at all (lib/
 * run in Node) → "en-US".
 * Display only: nothing stored or parsed depends on it.
 */
export function displayLocale(): string {
  const language = globalThis.navigator?.language;
  if (!language) return 'en-US';
  let locale = englishLocales.get(language);
  if (locale === undefined) {
    locale = englishIn(language);
    englishLocales.set(language, locale);
  }
  return locale;
}

function englishIn(language: string): string {
  try {
    // maximize: a bare 'de' names no region; its likely one (DE) is the best guess at the user's
    const region = new Intl.Locale(language).maximize().region;
    if (!region || region === 'US') return 'en-US';
    const [english] = Intl.DateTimeFormat.supportedLocalesOf(`en-${region}`);
    if (english && hasRegionData(english)) return english;
    // No English data for the region in this runtime (en-BR, en-RU here; Chromium ships fewer
    // locales than Node): English with the order and clock the user's own language writes.
    if (!Intl.DateTimeFormat.supportedLocalesOf(language).length) return 'en-US';
    const dayFirst = numericDateOrderOf(language) === 'day-first';
    const clock24 = /^h2[34]$/.test(new Intl.DateTimeFormat(language, { hour: 'numeric' }).resolvedOptions().hourCycle ?? '');
    const standIn = dayFirst ? (clock24 ? 'en-GB' : 'en-GB-u-hc-h12') : clock24 ? 'en-US-u-hc-h23' : 'en-US';
    const [supported] = Intl.DateTimeFormat.supportedLocalesOf(standIn);
    if (supported) return supported;
  } catch {
    // not a language tag Intl reads
  }
  return 'en-US';
}

/** A tag that needs region data the runtime lacks (en-419, en-XX) resolves to plain "en", which writes dates US-style. */
const hasRegionData = (locale: string) => new Intl.Locale(new Intl.DateTimeFormat(locale).resolvedOptions().locale).region !== undefined;

/** Formatters by locale and zone (one `cache` per set of options): building one costs far more than formatting with it. */
export function cachedFormat(cache: Map<string, Intl.DateTimeFormat>, locale: string, timeZone: string, options: Intl.DateTimeFormatOptions) {
  const key = `${locale} ${timeZone}`;
  let format = cache.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, { ...options, timeZone });
    cache.set(key, format);
  }
  return format;
}

// newer ICU puts a narrow no-break space before AM/PM (and some locales a no-break space elsewhere); keep output plain
export const plainSpaces = (s: string) => s.replace(/[\u202f\u00a0]/g, ' ');

const dayFormats = new Map<string, Intl.DateTimeFormat>();
/** "2026-12-03" → "Thu, Dec 3, 2026" (en-US; en-GB "Thu, 3 Dec 2026"). */
export function formatDay(isoDate: string): string {
  const format = cachedFormat(dayFormats, displayLocale(), 'UTC', { weekday: 'short', month: 'short', day: 'numeric', year: 'numeric' });
  return plainSpaces(format.format(new Date(utcMs(isoDate))));
}

/** An instant as the user's wall clock shows it: "Dec 3, 2026, 2:05 PM" (en-US; en-GB "3 Dec 2026, 14:05"). */
const instantFormats = new Map<string, Intl.DateTimeFormat>();
export function formatInstant(instantIso: string, timeZone: string): string {
  const format = cachedFormat(instantFormats, displayLocale(), timeZone, {
    month: 'short',
    day: 'numeric',
    year: 'numeric',
    hour: 'numeric',
    minute: '2-digit',
  });
  return plainSpaces(format.format(new Date(instantIso)));
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
