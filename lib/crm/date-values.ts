/**
 * Dates as a CRM page writes them ("12/31/2026", "31.12.2026", "Dec 31, 2026",
 * "31 déc. 2026"), read into an ISO date only when the text leaves no doubt:
 * slash dates whose parts could swap need the order chooseDateOrder settles,
 * month names are read in English, German and the page's language. Runs in the
 * background (lib/crm/values.ts enrichSnapshot). Pure.
 */
import type { DateRead } from './types';
import type { DateOrder } from '../model/settings';
import { cleanText } from './clean-text';
import { SLASH_DATE } from './slash-dates';

/** English and German month names (the languages of our fixtures), one "|"-separated group per month. */
const MONTH_NAMES = 'january januar jänner|february februar feber|march märz maerz mrz|april|may mai|june juni|july juli|august|september sept|october oktober|november|december dezember'
  .split('|')
  .map((m) => m.split(' '));

/** Month names in the page's language, from the runtime's own locale data (Intl), per locale. */
const monthNamesByLocale = new Map<string, string[][] | null>();
function monthNamesOf(locale: string): string[][] | null {
  const known = monthNamesByLocale.get(locale);
  if (known !== undefined) return known;
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
  if (monthNamesByLocale.size >= 32) monthNamesByLocale.clear();
  monthNamesByLocale.set(locale, names);
  return names;
}

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
 * Date patterns, most specific first; each yields the ISO date of its match, or undefined. `words`: it names the
 * month, and its pattern is global, so scan can try the next candidate when a word is no month.
 */
const DATE_PATTERNS: { re: RegExp; words?: true; toIso: (m: RegExpExecArray, order?: DateOrder, locale?: string) => string | undefined }[] = [
  { re: /\b(\d{4})-(\d{1,2})-(\d{1,2})\b/, toIso: (m) => iso(+m[1]!, +m[2]!, +m[3]!) },
  // 31.12.2026 — dots are always day first
  { re: /\b(\d{1,2})\.\s?(\d{1,2})\.\s?(\d{4})\b/, toIso: (m) => iso(+m[3]!, +m[2]!, +m[1]!) },
  {
    re: SLASH_DATE,
    toIso: (m, order) => {
      const a = +m[1]!;
      const b = +m[2]!;
      const y = +m[3]!;
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

/** At most this many "number word year" candidates are tried per pattern: free text is bounded work. */
const WORD_CANDIDATES = 8;

function scan(text: string, order?: DateOrder, locale?: string): { index: number; text: string; iso?: string } | undefined {
  let best: { index: number; text: string; iso?: string } | undefined;
  for (const { re, words, toIso } of DATE_PATTERNS) {
    let m: RegExpExecArray | null = null;
    let got: string | undefined;
    if (words) {
      // a word that is not a month ("12 meses del 2025") must not hide a date after it
      // (a global pattern, from the start of this text; scan runs to the end before another call)
      re.lastIndex = 0;
      for (let tries = 0; tries < WORD_CANDIDATES && (m = re.exec(text)); tries++) {
        if ((got = toIso(m, order, locale))) break;
        re.lastIndex = m.index + 1;
      }
      if (!got) continue;
    } else {
      m = re.exec(text);
      if (!m) continue;
      // an ambiguous numeric date still counts (text kept, no iso)
      got = toIso(m, order, locale);
    }
    if (!best || m!.index < best.index) best = { index: m!.index, text: m![0], ...(got ? { iso: got } : {}) };
  }
  return best;
}

/**
 * A whole field that is a date, e.g. a Close Date value. `order` reads slash dates
 * whose parts could swap; `locale` (the page's language) adds its month names.
 */
export function parseDate(raw: string | null | undefined, order?: DateOrder, locale?: string): DateRead | undefined {
  const text = cleanText(raw).slice(0, 100);
  if (!text) return undefined;
  const found = scan(text, order, locale);
  // only when the date is the whole value (no other numbers around it)
  const rest = found ? text.slice(0, found.index) + text.slice(found.index + found.text.length) : text;
  return found?.iso && !/\d/.test(rest) ? { text, iso: found.iso } : { text };
}

/** The first date written inside free text, e.g. a Next Step "Send proposal by 12/15/2026". */
export function findDate(raw: string | null | undefined, order?: DateOrder, locale?: string): DateRead | undefined {
  const found = scan(cleanText(raw), order, locale);
  return found ? { text: found.text, ...(found.iso ? { iso: found.iso } : {}) } : undefined;
}
