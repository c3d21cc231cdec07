/**
 * What a rep types for a due date → a calendar day. Its own module because
 * chrono-node is large: pages that only format dates (popup, options) do not
 * load it, and the sidebar loads it after its first render.
 */
import * as chrono from 'chrono-node';
import { addDays, daysInMonth, formatDay, ISO_DATE, startOfWeek, todayIn, toIso, validIso, weekdayOf, zoneParts } from './dates';
import type { DateOrder } from './model/settings';

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

/**
 * The end of the working week: the coming Friday (today when today is Friday), or with
 * `next`, the Friday of next week — the week after the one `isoDate` falls in (weeks start
 * on Monday), so "end of next week" typed on a Saturday is the Friday six days on, the
 * same day "next Friday" gives, not the one after.
 */
function endOfWeek(isoDate: string, next = false): string {
  if (next) return addDays(startOfWeek(isoDate, 1), 7 + 4);
  return addDays(isoDate, (5 - weekdayOf(isoDate) + 7) % 7);
}

/**
 * The last day of calendar quarter `q` (1–4): of `year` when given, else the next such day
 * on or after `today` ("Q1" typed in November is next year's).
 */
function endOfNamedQuarter(q: number, today: string, year?: number): string | null {
  const on = (y: number) => endOfMonth(toIso(y, q * 3, 1));
  if (year !== undefined) return validIso(year, q * 3, 1) ? on(year) : null; // the years dates are taken in
  const thisYear = Number(today.slice(0, 4));
  const candidate = on(thisYear);
  return candidate >= today ? candidate : on(thisYear + 1);
}

/**
 * The same day `months` on, or the month's last day when it has no such day: "in a month" on
 * Jan 31 is Feb 28 (chrono's arithmetic runs over into March 3).
 */
function monthsOn(isoDate: string, months: number): string {
  const [y, m, d] = isoDate.split('-').map(Number) as [number, number, number];
  const total = y * 12 + (m - 1) + months;
  const year = Math.floor(total / 12);
  const month = (total % 12) + 1;
  return toIso(year, month, Math.min(d, daysInMonth(year, month)));
}

const COUNT_WORDS: Record<string, number> = { a: 1, an: 1, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, nine: 9, twelve: 12 };
const MONTH_NAMES = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/** Sales shorthand chrono does not know (or knows differently), relative to `today`. */
function parseShorthand(text: string, today: string): string | null {
  // "EOD" or "COB" alone: today
  if (/^(?:eod|eob|cob|end of (?:the )?day|close of business)$/.test(text)) return today;
  if (text === 'eom') return endOfMonth(today);
  if (text === 'eow') return endOfWeek(today);
  if (text === 'eoq') return endOfQuarter(today);
  if (text === 'eoy') return `${today.slice(0, 4)}-12-31`;
  if (text === 'next week') return addDays(startOfWeek(today, 1), 7); // Monday of next week
  // "Q1", "end of Q3", "Q2 2027": a calendar quarter's last day
  const quarter = /^(?:(?:the\s+)?end\s+of\s+)?q([1-4])(?:\s+(\d{4}))?$/.exec(text);
  if (quarter) return endOfNamedQuarter(Number(quarter[1]), today, quarter[2] ? Number(quarter[2]) : undefined);
  // "in a month", "3 months", "two months from now", "next month", "next quarter": the same day on, clamped
  const months = /^(?:in\s+)?(a|an|one|two|three|four|five|six|nine|twelve|\d{1,2})\s+(month|quarter)s?(?:\s+(?:from\s+(?:now|today)|time))?$/.exec(text);
  if (months) {
    const n = COUNT_WORDS[months[1]!] ?? Number(months[1]);
    return monthsOn(today, n * (months[2] === 'quarter' ? 3 : 1));
  }
  if (text === 'next month') return monthsOn(today, 1);
  if (text === 'next quarter') return monthsOn(today, 3);
  // "end of Jan", "end of January": that month's last day, the next time it comes round
  const named = /^(?:the\s+)?end\s+of\s+(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)$/.exec(text);
  if (named) {
    const month = MONTH_NAMES.indexOf(named[1]!.slice(0, 3));
    const thisYear = Number(today.slice(0, 4));
    const candidate = endOfMonth(toIso(thisYear, month + 1, 1));
    return candidate >= today ? candidate : endOfMonth(toIso(thisYear + 1, month + 1, 1));
  }
  // "this week" (chrono: tomorrow, or a Saturday), "this month": by the end of it, as "end of this week"
  const m = /^(?:(?:the\s+)?end\s+of\s+(?:(the|this|next)\s+)?|(this)\s+)(week|month|quarter|year)$/.exec(text);
  if (!m) return null;
  const ahead = m[1] === 'next' ? 1 : 0;
  const unit = m[3];
  if (unit === 'week') return endOfWeek(today, ahead === 1);
  if (unit === 'month') return endOfMonth(today, ahead);
  if (unit === 'year') return `${Number(today.slice(0, 4)) + ahead}-12-31`;
  return endOfQuarter(today, ahead);
}

/** Leftovers a rep may type around a date that do not change the day ("Monday AM"). */
const HARMLESS_LEFTOVER = /^[\s,.!]*(?:(?:eod|eob|cob|end of day|close of business|am|pm)[\s,.!]*)?$/;

/** Everyday abbreviations chrono does not know, spelt out before it reads the words. */
const ABBREVIATIONS: [RegExp, string][] = [
  [/\btues\b/g, 'tuesday'],
  [/\bweds\b/g, 'wednesday'],
  [/\bthur\b/g, 'thursday'],
  [/\bwks\b/g, 'weeks'],
  [/\bwk\b/g, 'week'],
  [/\bmos\b/g, 'months'],
];
const spelt = (text: string) => ABBREVIATIONS.reduce((t, [short, long]) => t.replace(short, long), text);
/** The same words after a date ("12/3/2026 EOD"): taken off before a numeric date is read. */
const HARMLESS_SUFFIX = /[\s,]+(?:eod|eob|cob|end of day|close of business)$/;

/**
 * What a rep types for a due date → the calendar date in `timeZone`.
 * Accepts: ISO "2026-12-03", and year first with slashes or dots ("2026/12/03",
 * "2026.12.03", whatever `order`); "12/3/2026", "12/3/26" or "12/3" (next such day), with
 * dots or dashes as well ("3.12.2026"), and "EOD" or "COB" after it,
 * read in `order` (month first, as in the US, unless the user's locale or
 * setting says day first; a part above 12 can only be the day); "end of month|week|quarter|year", "EOM", "EOW" (the coming
 * Friday), "EOQ" (calendar quarter), "EOY", "Q1"–"Q4" (with or without "end of" or a year:
 * that calendar quarter's last day); "next week" (its Monday); and anything
 * chrono understands ("Dec 3", "Thursday", "next Friday" = Friday of next
 * week, "tomorrow", "in 2 weeks"; "in 2 hours" is the day it falls on, tomorrow when typed at
 * 11 pm). Weekdays resolve forward (today or later), unless
 * the words look back ("last Friday", "this past Friday": the one before).
 * A leading "by/before/on/until/due" is ignored. Garbage → null.
 */
export function parseDue(input: string, now: Date, timeZone: string, order: DateOrder = 'month-first'): { iso: string; label: string } | null {
  const read = readDue(input, now, timeZone, order);
  return read && !read.otherWeekday ? { iso: read.iso, label: formatDay(read.iso) } : null;
}

/**
 * Why `parseDue` refused `input`, when it can say better than "not a date": a weekday typed with
 * a date that falls on another day ("Thu 3/12" when March 12 is a Friday). Null otherwise.
 */
export function dueRefusal(input: string, now: Date, timeZone: string, order: DateOrder = 'month-first'): string | null {
  const read = readDue(input, now, timeZone, order);
  return read?.otherWeekday ? `${formatDay(read.iso)} is not a ${read.otherWeekday}: say which you mean.` : null;
}

const WEEKDAY_NAMES = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

/** The day `input` names; `otherWeekday` when it also names a weekday that day is not. */
function readDue(input: string, now: Date, timeZone: string, order: DateOrder): { iso: string; otherWeekday?: string } | null {
  const text = input
    .trim()
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .replace(/^(?:due\s+)?(?:by|before|on|until|till)\s+/, '')
    .replace(/^due\s+/, '')
    .replace(/[\s.!,]+$/, '');
  if (!text) return null;
  const today = todayIn(timeZone, now);
  const numeric = text.replace(HARMLESS_SUFFIX, '');
  // digits and separators only, and not a date above: chrono would read it month first
  if (/^[\d\s./-]+$/.test(numeric)) {
    const iso = parseNumeric(numeric, today, order);
    return iso ? { iso } : null;
  }
  const words = spelt(text);
  // "this month EOD": the shorthand with its harmless words after it (chrono reads "this month" as its 1st, a day gone)
  const iso = parseShorthand(words.replace(HARMLESS_SUFFIX, ''), today);
  return iso ? { iso } : parseWords(words, now, timeZone, order);
}

function parseNumeric(text: string, today: string, order: DateOrder): string | null {
  const iso = ISO_DATE.exec(text);
  if (iso) return validIso(Number(iso[1]), Number(iso[2]), Number(iso[3]));
  // 2026/12/03, 2026.12.03 (as ja, zh and ko write dates), 2026-12-3: a four-digit first part
  // can only be the year, so year, month, day whatever way round the user writes day and month.
  // One separator throughout, and a trailing dot may follow ("2026.12.03. EOD").
  const yearFirst = /^(\d{4})([/.-])(\d{1,2})\2(\d{1,2})\.?$/.exec(text);
  if (yearFirst) return validIso(Number(yearFirst[1]), Number(yearFirst[3]), Number(yearFirst[4]));
  // 3/12/2026, 3.12.2026 (German, Dutch), 3-12-2026: one separator throughout. A date made
  // only of digits is never handed to chrono, which reads every such date month first.
  const slashed = /^(\d{1,2})([/.-])(\d{1,2})(?:\2(\d{2}|\d{4}))?$/.exec(text);
  if (!slashed) return null;
  const [first, second] = [Number(slashed[1]), Number(slashed[3])];
  let [month, day] = order === 'day-first' ? [second, first] : [first, second];
  // "25/12" typed month first (or "12/25" day first) reads one way only
  if (month > 12 && day <= 12) [month, day] = [day, month];
  if (slashed[4]) {
    const year = slashed[4].length === 2 ? 2000 + Number(slashed[4]) : Number(slashed[4]);
    return validIso(year, month, day);
  }
  // No year: the next time that day comes round, so "12/3" typed in December means this year.
  const thisYear = Number(today.slice(0, 4));
  const candidate = validIso(thisYear, month, day);
  if (candidate && candidate >= today) return candidate;
  return validIso(thisYear + 1, month, day);
}

/** A month named with one or two digits (or a minus) beside it, and no day read: "Dec 31" read as December 2031. */
function monthWithoutItsDay(result: chrono.ParsedResult): boolean {
  const s = result.start;
  return s.isCertain('month') && !s.isCertain('day') && /(?<!\d)-?\d{1,2}(?!\d)/.test(result.text);
}

function parseWords(text: string, now: Date, timeZone: string, order: DateOrder): { iso: string; otherWeekday?: string } | null {
  // chrono reasons in the process's local zone. Give it a reference on the
  // user's calendar day in local time, then read the calendar components it
  // returns (not its Date) so the process TZ never leaks in.
  // Forward, except words that look back: with forwardDate chrono reads "last Thursday",
  // typed on a Thursday, as the Thursday after next.
  const looksBack = /\b(?:last|past|ago|yesterday)\b/.test(text);
  // Read forward from the start of the day, not the real time: forwardDate pushes anything
  // before the reference to its next turn, so against any later hour "Thursday 11am" or
  // "Thursday morning" typed on a Thursday went to next week and "this morning" or "by 11am"
  // to tomorrow. What is stored is the day, and every time on today is still today's: only a
  // day already gone moves on. (Where a DST gap skips midnight, Date gives 01:00, the same day.)
  // Words that look back are not dated forward; they keep noon, where chrono puts "last night"
  // on yesterday. A span in hours or minutes ("in 2 hours", "an hour ago") is counted from the
  // real time instead, below.
  const p = zoneParts(now, timeZone);
  const reference = new Date(p.year, p.month - 1, p.day, looksBack ? 12 : 0, 0);
  // a numeric date among words ("Fri 4/12", "4/12 at 5pm") is read the user's way round too
  const parser = order === 'day-first' ? chrono.en.GB : chrono.en.casual;
  let [result] = parser.parse(text, reference, { forwardDate: !looksBack });
  // Day first, chrono takes two digits after a month name for the year: "Dec 31" was Dec 1, 2031.
  // Words name the month before the day ("Dec 31") whatever the order: read them so.
  if (result && order === 'day-first' && monthWithoutItsDay(result)) [result] = chrono.en.casual.parse(text, reference, { forwardDate: !looksBack });
  if (!result) return null;
  // A number beside a month that is no day of it ("October 32", "February 99", "Mar -1"): chrono
  // reads a year (Oct 1, 2032) or nothing (Mar 1). No day was typed, so none is guessed at.
  if (monthWithoutItsDay(result)) return null;
  // The whole input must be the date: "call asdf thursday" is not a due date.
  const leftover = text.slice(0, result.index) + text.slice(result.index + result.text.length);
  if (!HARMLESS_LEFTOVER.test(leftover)) return null;
  const s = result.start;
  // "in 2 hours", "in 90 minutes", "2 hours ago": a span counted from now, not a time on a day.
  // Against the start of the day it always stayed on today, so "in 2 hours" typed at 11 pm was
  // today. Chrono added the span to the reference; the same span on the real instant, read in the
  // user's zone, is the day it falls on. (A time named with or without a day still only picks
  // the day, above: "by 11am" typed at 5 pm is today.)
  if (s.tags().has('result/relativeDateAndTime')) {
    const due = new Date(now.getTime() + s.date().getTime() - reference.getTime());
    if (Number.isNaN(due.getTime())) return null;
    const at = zoneParts(due, timeZone);
    const iso = validIso(at.year, at.month, at.day); // in the stored dates' range
    return iso ? { iso } : null;
  }
  const y = s.get('year');
  const m = s.get('month');
  const d = s.get('day');
  const iso = y && m && d ? validIso(y, m, d) : null;
  if (!iso) return null;
  // "Thu 3/12" where March 12 is a Friday: the words disagree, so neither is taken silently
  // (chrono counts weekdays from Sunday = 0, ISO from Monday = 1)
  const weekday = s.isCertain('day') && s.isCertain('weekday') ? s.get('weekday') : null;
  return weekday !== null && weekday !== weekdayOf(iso) % 7 ? { iso, otherWeekday: WEEKDAY_NAMES[weekday]! } : { iso };
}

