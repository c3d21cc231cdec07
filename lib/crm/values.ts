import type { AmountRead, DateRead, DealSnapshot } from './types';
import type { DateOrder } from '../model/settings';
import { SLASH_DATE, slashDateOrder } from './slash-dates';

export { isOrderDependentDate, slashDateOrder } from './slash-dates';

/**
 * Where this runs: in the background, on each snapshot a content script
 * reports (enrichSnapshot below). The content script sends the texts exactly
 * as shown plus the page's locale; parsing here keeps ~3 KB out of the
 * content script and means a page can never hand us a parsed value that
 * disagrees with its text.
 *
 * Parse what a CRM page shows into numbers and ISO dates — only when the text
 * alone (plus an optional page locale such as `document.documentElement.lang`,
 * and for dates such as 05/11/2026 the order chooseDateOrder settles) leaves
 * no doubt. Anything ambiguous keeps its text and nothing else: a wrong
 * amount or date is worse than none. Pure: no browser calls, no libraries.
 */

/** Collapse every kind of space (NBSP, narrow NBSP, thin space) CRMs use in formatted values. */
export function cleanText(s: string | null | undefined): string {
  return (s ?? '').replace(/[\s\u00a0\u2007\u202f\u2009]+/g, ' ').trim();
}

/** Regions where a bare "$" is not US dollars. */
const OTHER_DOLLAR = /-(CA|AU|NZ|SG|HK|MX|AR|CL|CO|TW|BZ|JM|TT|FJ|LR|NA|BS|BB|BN|SR|GY|KY|ZW)\b/i;

/** Letters written before "$" that name one dollar; any others ("TT$", "J$") name a dollar we do not guess at. */
const DOLLARS: Record<string, string> = { US: 'USD', HK: 'HKD', NZ: 'NZD', MX: 'MXN', S: 'SGD', R: 'BRL', C: 'CAD', CA: 'CAD', A: 'AUD', AU: 'AUD' };
const SIGNS: Record<string, string> = { '€': 'EUR', '£': 'GBP', '₹': 'INR', '₩': 'KRW', '₪': 'ILS', zł: 'PLN' };

/**
 * Every currency a text mentions: a dollar (with the letters glued before it),
 * a sign, "kr" or "¥" (a currency, but which one?), or three capital letters
 * that are a real ISO 4217 code ("ARR", "MIO" are not).
 */
const MENTION = /([A-Za-z]{0,3})\$|[€£₹₩₪¥]|zł|(?<![A-Za-z])(?:[kK]r|[A-Z]{3})(?![A-Za-z])/g;

/** A currency mentioned in the text: `key` tells two apart, `code` is its ISO code when known. */
interface Mention {
  start: number;
  end: number;
  key: string;
  code?: string;
}

let knownCode: ((code: string) => boolean) | undefined;
/** Is `code` a currency code (ISO 4217) this runtime knows? */
function isCurrencyCode(code: string): boolean {
  knownCode ??= currencyCodeCheck();
  return knownCode(code);
}
function currencyCodeCheck(): (code: string) => boolean {
  try {
    const all = new Set(Intl.supportedValuesOf('currency'));
    return (c) => all.has(c);
  } catch {
    // a runtime before Intl.supportedValuesOf: a code it can name
  }
  try {
    const names = new Intl.DisplayNames(['en'], { type: 'currency', fallback: 'none' });
    return (c) => {
      try {
        return !!names.of(c);
      } catch {
        return false;
      }
    };
  } catch {
    // no way to tell: three capitals are never taken for a currency (no guessing)
    return () => false;
  }
}

function mentionsOf(text: string, locale?: string): Mention[] {
  const out: Mention[] = [];
  for (const m of text.matchAll(MENTION)) {
    const raw = m[0];
    const start = m.index;
    const end = start + raw.length;
    let code: string | undefined;
    let key = raw;
    if (m[1] !== undefined) {
      // a bare "$" is USD unless the page's locale says another dollar country
      // letters glued before it name the dollar ("US$", "C$"), or are its ISO code ("CAD$")
      code = m[1] ? (DOLLARS[m[1]] ?? (/^[A-Z]{3}$/.test(m[1]) && isCurrencyCode(m[1]) ? m[1] : undefined)) : locale && OTHER_DOLLAR.test(locale) ? undefined : 'USD';
    } else if (/^[A-Z]{3}$/.test(raw)) {
      if (!isCurrencyCode(raw)) continue;
      code = raw;
    } else {
      // "kr" (SEK/NOK/DKK/ISK) and "¥" (JPY/CNY) are currencies, but which?
      code = SIGNS[raw];
      if (raw === 'Kr') key = 'kr';
    }
    out.push({ start, end, key: code ?? key, ...(code ? { code } : {}) });
  }
  return out;
}

/** Is `word` a scale abbreviation ("k", "M", "Mio")? "$1.234M" may well be 1.234 million. */
function scale_(word: string): boolean {
  return !!SCALE[word];
}

/** Does the locale write 1.234,5 (comma decimal)? undefined when unknown. */
function commaDecimal(locale?: string): boolean | undefined {
  if (!locale) return undefined;
  const lang = locale.toLowerCase().split(/[-_]/)[0] ?? '';
  if (/^(en|ja|zh|ko|he|th|hi|ms|fil|tl)$/.test(lang)) return false;
  if (/-(ch|li)\b/i.test(locale)) return false; // de-CH writes 1'234.50
  if (/^(de|fr|es|it|nl|pt|sv|da|nb|no|nn|fi|pl|cs|sk|ru|uk|tr|hu|ro|el|bg|hr|sl|sr|lt|lv|et|id|vi|is)$/.test(lang)) return true;
  return undefined;
}

/** "1.234,56" → 1234.56 given which character is the decimal mark; null if the grouping is malformed. */
function toNumber(digits: string, decimal: string | null): number | null {
  let intPart = digits;
  let frac = '';
  if (decimal) {
    const i = digits.lastIndexOf(decimal);
    intPart = digits.slice(0, i);
    frac = digits.slice(i + 1);
    if (!/^\d+$/.test(frac)) return null;
  }
  const groups = intPart.split(/[.,' ’]/);
  // grouping must be 1–3 digits then threes: "12,34,567" (Indian) and "1.2.3" are not guessed at
  if (groups.length > 1 && !groups.every((g, k) => (k ? /^\d{3}$/ : /^\d{1,3}$/).test(g))) return null;
  if (!/^\d+$/.test(groups.join(''))) return null;
  const n = Number(groups.join('') + (frac ? '.' + frac : ''));
  return Number.isFinite(n) ? n : null;
}

/** Scale words after a number: "k", "M", "Mio", "million" … */
const SCALE: Record<string, number> = { k: 1e3, tsd: 1e3, thousand: 1e3, b: 1e9, bn: 1e9, mrd: 1e9, billion: 1e9 };
for (const w of ['m', 'mn', 'mm', 'mio', 'million', 'millionen']) SCALE[w] = 1e6;

/** Currencies written with three decimals: for these "1.234" may be 1.234. */
const THREE_DECIMALS = /^(?:BHD|IQD|JOD|KWD|LYD|OMR|TND)$/;

/** Words after an amount that say what it is, not how big: "$120,000 ARR". */
const LABELS = /^(?:arr|mrr|acv|tcv)$/;

export function parseAmount(raw: string | null | undefined, locale?: string): AmountRead | undefined {
  const text = cleanText(raw).slice(0, 100);
  if (!text) return undefined;
  const out: AmountRead = { text };
  const mentions = mentionsOf(text, locale);
  // two currencies ("$120,000.00 (EUR 110,000.00)"): which is the amount in? Only the text is kept
  if (new Set(mentions.map((c) => c.key)).size > 1) return out;
  // first number, its separators, and the word right after it ("1.2M", "1,2 Mio.", "1.5 million", "120 000 kr")
  const m = /(\d(?:[\d.,' ’]*\d)?)\s?([A-Za-z]+)?/.exec(text);
  if (!m) return out;
  const digits = m[1]!;
  const end = m.index + m[0].length;
  const at = (i: number) => mentions.find((c) => c.start === i);
  // the currency is the one written next to this number: before it ("$", "-$", "($", "EUR ") …
  let mention = mentions.find((c) => c.end <= m.index && /^[\s(−-]*$/.test(text.slice(c.end, m.index)));
  // … or after it, maybe after a scale ("120.000,00 €", "1,2 Mio. EUR", "120 000 kr", "1 234 zł")
  let word = m[2] ? m[2].toLowerCase() : '';
  let scale: number | undefined = 1;
  if (word && at(end - word.length)) {
    mention ??= at(end - word.length);
    word = '';
  } else {
    // a word after the number is a scale ("M"), a label ("ARR") or something we do not know
    if (word) scale = SCALE[word] ?? (LABELS.test(word) ? 1 : undefined);
    mention ??= at(end + /^\.?\s?/.exec(text.slice(end))![0].length);
  }
  const currency = mention?.code;
  if (currency) out.currency = currency;
  if (scale === undefined) return out;
  const lastDot = digits.lastIndexOf('.');
  const lastComma = digits.lastIndexOf(',');
  let decimal: string | null = null;
  if (lastDot >= 0 && lastComma >= 0) {
    decimal = lastDot > lastComma ? '.' : ',';
  } else if (lastDot >= 0 || lastComma >= 0) {
    const sep = lastDot >= 0 ? '.' : ',';
    const count = digits.split(sep).length - 1;
    const after = digits.length - digits.lastIndexOf(sep) - 1;
    if (count > 1) decimal = null; // 1,234,567 / 1.234.567: grouping only
    else if (after !== 3) decimal = sep; // 1.5 / 120,50
    else {
      // "1,234" could be 1234 or 1.234: the locale can tell, and so can a
      // currency with two decimals (nobody writes €1.234 for €1.23)
      const cd = commaDecimal(locale);
      if (currency && !THREE_DECIMALS.test(currency) && !scale_(word)) decimal = null;
      else if (cd === undefined) return out;
      else decimal = (sep === ',') === cd ? sep : null;
    }
  }
  const n = toNumber(digits, decimal);
  if (n === null) return out;
  // a minus or an opening parenthesis before the number (not "1,000 - 2,000")
  const neg = /[-−(]/.test(text.slice(0, m.index));
  // toFixed(4) drops float noise (1.2 * 1e6 = 1199999.9999999998) and keeps 3-decimal currencies
  out.value = Number(((neg ? -n : n) * scale).toFixed(4));
  return out;
}

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
        return [...new Set(forms.map((n) => n.toLowerCase().replace(/\./g, '').trim()))].filter((n) => /^\p{L}{3,}$/u.test(n));
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
  if (/^en-(US|PH)$/i.test(locale) || /^en_US$/i.test(locale)) return 'month-first';
  if (/^en$/i.test(locale)) return undefined; // plain "en": could be GB or US
  if (/^(en-|de|fr|es|it|nl|pt|sv|da|nb|no|fi|pl|cs|ru|tr|el|id|vi)/i.test(locale)) return 'day-first';
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
  /** slashDateOrder of the snapshot's own dates */
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

/** Date patterns, most specific first; each yields the ISO date of its match, or undefined. `words`: it names the month. */
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
    re: new RegExp(String.raw`${MONTH_WORD}\s+(\d{1,2}),?\s+(\d{4})\b`, 'u'),
    words: true,
    toIso: (m, _order, locale) => {
      const mo = monthOf(m[1]!, locale);
      return mo ? iso(+m[3]!, mo, +m[2]!) : undefined;
    },
  },
  // 31 Dec 2026 / 31. Dezember 2026 / 31 déc. 2026 / 31 de diciembre de 2026 / 31 декабря 2026 г.
  {
    re: new RegExp(String.raw`\b(\d{1,2})\.?\s+(?:de\s+)?${MONTH_WORD},?\s+(?:de\s+)?(\d{4})\b`, 'u'),
    words: true,
    toIso: (m, _order, locale) => {
      const mo = monthOf(m[2]!, locale);
      return mo ? iso(+m[3]!, mo, +m[1]!) : undefined;
    },
  },
];

function scan(text: string, order?: DateOrder, locale?: string): { index: number; text: string; iso?: string } | undefined {
  let best: { index: number; text: string; iso?: string } | undefined;
  for (const { re, words, toIso } of DATE_PATTERNS) {
    const m = re.exec(text);
    if (!m) continue;
    const got = toIso(m, order, locale);
    // an ambiguous numeric date still counts (text kept, no iso); a word that is not a month does not
    if (!got && words) continue;
    if (!best || m.index < best.index) best = { index: m.index, text: m[0], ...(got ? { iso: got } : {}) };
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

type Readable = Pick<DealSnapshot, 'amount' | 'closeDate' | 'nextStep' | 'locale'>;

/**
 * The order a snapshot's close date proves: a date the CRM formatted itself. A
 * date inside the next step proves nothing of the CRM's format: people type
 * that text, in whatever order they like.
 */
export function snapshotDateOrder(snapshot: Pick<Readable, 'closeDate'>): DateOrder | undefined {
  return slashDateOrder(snapshot.closeDate?.text);
}

/**
 * A snapshot's texts → parsed amount, close date and next-step date (only where
 * unambiguous). `dateOrder`: how to read slash dates whose parts could swap
 * (chooseDateOrder); without it, the snapshot's own dates, then its locale, decide. Pure.
 */
export function enrichSnapshot<T extends Readable>(snapshot: T, dateOrder?: DateOrder): T {
  const out: T = { ...snapshot };
  const locale = snapshot.locale;
  const order = dateOrder ?? chooseDateOrder({ snapshot: snapshotDateOrder(snapshot), locale });
  const amount = snapshot.amount && parseAmount(snapshot.amount.text, locale);
  if (amount) out.amount = amount;
  else delete out.amount;
  const close = snapshot.closeDate && parseDate(snapshot.closeDate.text, order, locale);
  if (close) out.closeDate = close;
  else delete out.closeDate;
  if (snapshot.nextStep) {
    const date = findDate(snapshot.nextStep.text, order, locale);
    out.nextStep = date ? { text: snapshot.nextStep.text, date } : { text: snapshot.nextStep.text };
  }
  return out;
}
