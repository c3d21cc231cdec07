/**
 * Dates as a CRM page writes them ("12/31/2026", "31.12.2026", "2026/12/31",
 * "Dec 31, 2026", "31 déc. 2026"), read into an ISO date only when the text
 * leaves no doubt: slash dates whose parts could swap need the order
 * chooseDateOrder settles, month names are read in English, German and the
 * page's language. Runs in the background (lib/crm/values.ts enrichSnapshot). Pure.
 */
import type { DateRead } from './types';
import type { DateOrder } from '../model/settings';
import { cleanText } from './clean-text';
import { SLASH_DATE, yearOf } from './slash-dates';
import { perLocale } from './per-locale';

/** English and German month names (the languages of our fixtures), one "|"-separated group per month. */
const MONTH_NAMES = 'january januar jänner|february februar feber|march märz maerz mrz|april|may mai|june juni|july juli|august|september sept|october oktober|november|december dezember'
  .split('|')
  .map((m) => m.split(' '));

/** Month names in the page's language, from the runtime's own locale data (Intl), per locale. */
const monthNamesOf = perLocale((locale): string[][] | null => {
  let names: string[][] | null = null;
  try {
    const [supported] = Intl.DateTimeFormat.supportedLocalesOf(locale.replace(/_/g, '-'));
    if (supported) {
      // alone and inside a date (many languages write the month differently there: "декабрь", "31 декабря")
      const formats = (['long', 'short'] as const).flatMap((month) => [
        new Intl.DateTimeFormat(supported, { month, timeZone: 'UTC' }),
        new Intl.DateTimeFormat(supported, { day: 'numeric', month, timeZone: 'UTC' }),
      ]);
      names = Array.from({ length: 12 }, (_, i) => {
        const date = new Date(Date.UTC(2026, i, 15));
        const forms = formats.map((f) => f.formatToParts(date).find((p) => p.type === 'month')?.value ?? '');
        // Catalan writes the month with its article inside a date ("de gener", "d’abril"): the name is what follows
        const bare = (n: string) => n.toLowerCase().replace(/\./g, '').trim().replace(/^(?:de\s+|d[’'])/u, '');
        return [...new Set(forms.map(bare))].filter((n) => /^\p{L}{3,}$/u.test(n));
      });
    }
  } catch {
    names = null; // a locale the runtime refuses: English and German names only
  }
  return names;
});

/**
 * Month number of a name or its abbreviation ("Dec", "Sept", "Mär", "déc", "дек") in
 * English, German or the page's language; a word that merely starts like one
 * ("Marketing") is not a month, nor is one that could start two ("jui": juin, juillet).
 */
function monthOf(word: string, locale?: string): number | undefined {
  const w = word.toLowerCase();
  if (w.length < 3) return undefined;
  const months = new Set<number>();
  for (const table of [MONTH_NAMES, locale ? monthNamesOf(locale) : null]) {
    table?.forEach((names, i) => names.some((n) => n.startsWith(w)) && months.add(i + 1));
  }
  return months.size === 1 ? [...months][0] : undefined;
}

function iso(y: number, mo: number, d: number): string | undefined {
  if (y < 1900 || y > 2200 || mo < 1 || mo > 12 || d < 1) return undefined;
  if (d > new Date(Date.UTC(y, mo, 0)).getUTCDate()) return undefined;
  return `${y}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** Whether `locale` writes a numeric date year first ("26. 12. 31." in Korean), from the runtime's locale data; per locale. */
const yearFirstIn = perLocale((locale) => {
  try {
    const [supported] = Intl.DateTimeFormat.supportedLocalesOf(locale.replace(/_/g, '-'));
    if (!supported) return false;
    const types = new Intl.DateTimeFormat(supported, { dateStyle: 'short', timeZone: 'UTC' }).formatToParts(new Date(Date.UTC(2026, 11, 31))).map((p) => p.type);
    return types.indexOf('year') < types.indexOf('day');
  } catch {
    return false; // a locale the runtime refuses: dots read day first
  }
});
const writesYearFirst = (locale?: string) => !!locale && yearFirstIn(locale);

/** Which comes first in a numeric date written with slashes: 05/11/2026 is 5 November day first, May 11 month first. */
export type { DateOrder };

/**
 * What the page's declared language suggests. Only a suggestion: Salesforce and
 * HubSpot format dates by the user's locale, a setting apart from the language
 * `<html lang>` names (an English-language user with a UK locale sees 05/11/2026
 * for 5 November on an `en-US` page). Stronger evidence comes first: see
 * chooseDateOrder.
 */
function orderOfLocale(locale?: string): DateOrder | undefined {
  if (!locale) return undefined;
  if (/^en[-_](US|PH)$/i.test(locale)) return 'month-first';
  if (/^en$/i.test(locale)) return undefined; // plain "en": could be GB or US
  if (/^(?:en[-_]|(?:de|fr|es|ca|gl|it|nl|pt|sv|da|nb|no|fi|pl|cs|sk|sl|hr|sr|bg|ro|ru|uk|lv|et|is|tr|el|id|vi)(?![a-z]))/i.test(locale)) return 'day-first';
  return undefined;
}

/**
 * The order to read a snapshot's ambiguous slash dates in, strongest evidence
 * first: the user's choice in Options; a date on this same snapshot that proves
 * it; what dates read earlier on this CRM site proved; the page's language.
 * Undefined: nothing tells, and such a date keeps its text only.
 */
export function chooseDateOrder(known: {
  setting?: DateOrder | 'auto';
  /** what the snapshot's own close date proves (snapshotDateOrder) */
  snapshot?: DateOrder;
  /** what earlier snapshots from this site proved */
  site?: DateOrder;
  locale?: string;
}): DateOrder | undefined {
  if (known.setting && known.setting !== 'auto') return known.setting;
  return known.snapshot ?? known.site ?? orderOfLocale(known.locale);
}

/** A month's name: letters of any script, not inside a longer word. */
const MONTH_WORD = String.raw`(?<!\p{L})(\p{L}{3,12})\.?`;

/**
 * Date patterns (global), most specific first; each yields the ISO date of its match, or undefined. `words`: it
 * names the month, and a match whose word is no month is no date at all.
 */
const DATE_PATTERNS: { re: RegExp; words?: true; toIso: (m: RegExpExecArray, order?: DateOrder, locale?: string) => string | undefined }[] = [
  // the year first is always year, month, day: 2026-12-31, 2026/12/31 (ja, zh), 2026. 12. 31. (ko)
  { re: /\b(\d{4})(-|\/|\.\s?)(\d{1,2})\2(\d{1,2})\b/g, toIso: (m) => iso(+m[1]!, +m[3]!, +m[4]!) },
  // 31.12.2026, 31.12.26 — dots are day first; not inside a longer chain (a version, an address: 10.1.12.26).
  // Except on a page whose language writes the year first: ko writes "26. 12. 31." (yy. M. d.), so
  // there a two-digit last part may be the day
  {
    re: /(?<!\d\.)\b(\d{1,2})\.\s?(\d{1,2})\.\s?(\d{4}|\d{2})\b(?!\.\d)/g,
    toIso: (m, _order, locale) => (m[3]!.length === 2 && writesYearFirst(locale) ? undefined : iso(yearOf(m[3]!), +m[2]!, +m[1]!)),
  },
  {
    re: new RegExp(SLASH_DATE, 'g'),
    toIso: (m, order) => {
      const a = +m[1]!;
      const b = +m[3]!;
      const y = yearOf(m[4]!);
      if (a > 12) return iso(y, b, a);
      if (b > 12 || a === b) return iso(y, a, b);
      return order === undefined ? undefined : order === 'month-first' ? iso(y, a, b) : iso(y, b, a);
    },
  },
  // Dec 31, 2026 / December 31 2026
  {
    re: new RegExp(String.raw`${MONTH_WORD}\s+(\d{1,2}),?\s+(\d{4})\b`, 'gu'),
    words: true,
    toIso: (m, _order, locale) => {
      const mo = monthOf(m[1]!, locale);
      return mo ? iso(+m[3]!, mo, +m[2]!) : undefined;
    },
  },
  // 31 Dec 2026 / 31. Dezember 2026 / 31 déc. 2026 / 31 de diciembre de 2026 / 31 декабря 2026 г. /
  // 15 d’abril del 2026 (Catalan: "d’" before a vowel, "del" before the year)
  {
    re: new RegExp(String.raw`\b(\d{1,2})\.?\s+(?:de\s+|d[’'])?${MONTH_WORD},?\s+(?:del?\s+)?(\d{4})\b`, 'gu'),
    words: true,
    toIso: (m, _order, locale) => {
      const mo = monthOf(m[2]!, locale);
      return mo ? iso(+m[3]!, mo, +m[1]!) : undefined;
    },
  },
];

/** At most this many candidates are tried per pattern: free text is bounded work. */
const CANDIDATES = 8;

/** A date written in a text: where, as written, and its ISO date when it reads one way only. */
interface Found {
  index: number;
  text: string;
  iso?: string;
}

/**
 * The matches of a global pattern, each search starting just after the previous match's start:
 * a word that is not a month ("12 meses del 2025") must not hide a date inside or after it.
 * (From the start of the text; scan takes every match before the pattern is used again.)
 */
function* matchesOf(re: RegExp, text: string): Generator<RegExpExecArray> {
  re.lastIndex = 0;
  for (let tries = 0, m: RegExpExecArray | null; tries < CANDIDATES && (m = re.exec(text)); tries++) {
    yield m;
    re.lastIndex = m.index + 1;
  }
}

/** Every date written in `text`, in the order written; where two overlap, the one starting first (then the most specific). */
function scan(text: string, order?: DateOrder, locale?: string): Found[] {
  const found: Found[] = [];
  for (const { re, words, toIso } of DATE_PATTERNS) {
    for (const m of matchesOf(re, text)) {
      const iso = toIso(m, order, locale);
      // a word that is no month is no date; a numeric date still counts when it reads two ways (text kept, no iso)
      if (iso || !words) found.push({ index: m.index, text: m[0], ...(iso ? { iso } : {}) });
    }
  }
  const dates: Found[] = [];
  for (const f of found.sort((a, b) => a.index - b.index)) {
    const last = dates[dates.length - 1];
    if (!last || f.index >= last.index + last.text.length) dates.push(f);
  }
  return dates;
}

const dateRead = (f: Found | undefined): DateRead | undefined => f && { text: f.text, ...(f.iso ? { iso: f.iso } : {}) };

/**
 * A whole field that is a date, e.g. a Close Date value. `order` reads slash dates
 * whose parts could swap; `locale` (the page's language) adds its month names.
 */
export function parseDate(raw: string | null | undefined, order?: DateOrder, locale?: string): DateRead | undefined {
  const text = cleanText(raw).slice(0, 100);
  if (!text) return undefined;
  const found = scan(text, order, locale)[0];
  // only when the date is the whole value (no other numbers around it)
  const rest = found ? text.slice(0, found.index) + text.slice(found.index + found.text.length) : text;
  return found?.iso && !/\d/.test(rest) ? { text, iso: found.iso } : { text };
}

/**
 * The date a next step is due by, of those it names: the earliest on or after `from` (the day it
 * was read: "11/20 sent proposal; pricing call 12/15" is due 12/15), else the latest.
 */
function dueAmong(found: Found[], from: string): Found | undefined {
  const dated = found.filter((f) => f.iso).sort((a, b) => a.iso!.localeCompare(b.iso!));
  return dated.find((f) => f.iso! >= from) ?? dated[dated.length - 1];
}

/**
 * The date inside free text, e.g. a Next Step "Send proposal by 12/15/2026". Several: the
 * one due (dueAmong) from `from`, the day the text was read (YYYY-MM-DD); without it, the
 * first written. When a date that reads two ways decides which one is due, that date
 * without an ISO day: the order must be known first.
 */
export function findDate(raw: string | null | undefined, order?: DateOrder, locale?: string, from?: string): DateRead | undefined {
  const text = cleanText(raw);
  const found = scan(text, order, locale);
  if (from === undefined || found.length < 2) return dateRead(found[0]);
  if (order !== undefined || found.every((f) => f.iso)) return dateRead(dueAmong(found, from) ?? found[0]);
  // read both ways: the same date is due either way, or the one that reads two ways decides
  const [a, b] = (['month-first', 'day-first'] as const).map((o) => dueAmong(scan(text, o, locale), from));
  if (a?.iso === b?.iso) return dateRead(a ?? found[0]);
  const twoWays = [a, b].find((x) => x && !found.find((f) => f.index === x.index)?.iso);
  return { text: (twoWays ?? found[0]!).text };
}
