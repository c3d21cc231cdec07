/**
 * Amounts as a CRM page writes them ("$120,000.00", "€1.234,56", "120 000 kr",
 * "£1.2M", "120 000 Kč", "₹1,20,000.00", "EUR 110.000,00 (USD 120.000,00)"), read
 * into a number and an ISO currency only when the text (and the page's locale)
 * leave no doubt. Runs in the background (lib/crm/values.ts
 * enrichSnapshot). Pure.
 */
import type { AmountRead } from './types';
import { cleanText } from './clean-text';
import { perLocale } from './per-locale';

/**
 * Regions where a bare "$" is not US dollars: dollar countries, and the peso countries that
 * write their peso "$" (Mexico, Argentina, Chile, Colombia, Uruguay, the Dominican Republic, Cuba).
 * The region is the tag's region subtag, after the language and any script ("zh-Hant-TW"), never
 * a later part ("en-US-u-ca-buddhist" is the US); a page may write "en_CA" as well as "en-CA"
 * (lib/crm/dom.ts pageLocale).
 */
const OTHER_DOLLAR = /^[a-z]{2,3}(?:[-_][a-z]{4})?[-_](?:CA|AU|NZ|SG|HK|MX|AR|CL|CO|UY|DO|CU|TW|BZ|JM|TT|FJ|LR|NA|BS|BB|BN|SR|GY|KY|ZW)(?![a-z0-9])/i;

/** Letters written before "$" that name one dollar; any others ("TT$", "J$") name a dollar we do not guess at. */
const DOLLARS: Record<string, string> = { SG: 'SGD', US: 'USD', HK: 'HKD', NZ: 'NZD', MX: 'MXN', S: 'SGD', R: 'BRL', C: 'CAD', CA: 'CAD', A: 'AUD', AU: 'AUD' };
/** Signs and words that name one currency. */
const SIGNS: Record<string, string> = {
  '€': 'EUR',
  '£': 'GBP',
  '₹': 'INR',
  '₩': 'KRW',
  원: 'KRW',
  '₪': 'ILS',
  '₺': 'TRY',
  TL: 'TRY',
  '₽': 'RUB',
  руб: 'RUB',
  '₴': 'UAH',
  грн: 'UAH',
  円: 'JPY',
  // as Intl writes them in English ("-CN¥30", "JP¥800"): the letters name the yen or the yuan
  'CN¥': 'CNY',
  'JP¥': 'JPY',
  zł: 'PLN',
  Kč: 'CZK',
  Ft: 'HUF',
  lei: 'RON',
  лв: 'BGN',
};

/**
 * Every currency a text mentions: a dollar (with the letters glued before it),
 * a sign, a currency word ("Kč", "Ft", "руб"), "kr", "¥" or "元" (a currency, but
 * which one?; "CN¥", "JP¥" say), or three capital letters that are a real ISO 4217 code ("ARR",
 * "MIO" are not). Words stand alone ("Kčs" is none); CJK signs need no space.
 */
const MENTION = /([A-Za-z]{0,3})\$(?:([A-Z]{2,3})(?!\p{L}))?|(?:CN|JP)¥|[€£₹₩₪₺₽₴¥￥円元원]|zł|(?<!\p{L})(?:[kK]r|Kč|Ft|TL|lei|руб|грн|лв|[A-Z]{3})(?!\p{L})/gu;

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
    let raw = m[0];
    const start = m.index;
    let code: string | undefined;
    let key = raw;
    if (m[1] !== undefined) {
      // a bare "$" is USD unless the page's locale says another dollar country
      // letters glued before it name the dollar ("US$", "C$"), or are its ISO code ("CAD$"); so do
      // letters glued after it, as fr writes them ("1 000 $CA", "$US"); any others are not its own
      const after = m[2] && (DOLLARS[m[2]] ?? (m[2].length === 3 && isCurrencyCode(m[2]) ? m[2] : undefined));
      if (m[2] && !after) key = raw = raw.slice(0, -m[2].length);
      code = after ? after : m[1] ? (DOLLARS[m[1]] ?? (/^[A-Z]{3}$/.test(m[1]) && isCurrencyCode(m[1]) ? m[1] : undefined)) : locale && OTHER_DOLLAR.test(locale) ? undefined : 'USD';
    } else if (/^[A-Z]{3}$/.test(raw)) {
      if (!isCurrencyCode(raw)) continue;
      code = raw;
    } else {
      // "kr" (SEK/NOK/DKK/ISK) and "¥" (JPY/CNY) are currencies, but which?
      code = SIGNS[raw];
      if (raw === 'Kr') key = 'kr';
      if (raw === '￥') key = '¥'; // the full-width yen ja pages write
    }
    out.push({ start, end: start + raw.length, key: code ?? key, ...(code ? { code } : {}) });
  }
  return out;
}

/** Is `word` a scale abbreviation ("k", "M", "Mio")? "$1.234M" may well be 1.234 million. */
function scale_(word: string): boolean {
  return !!SCALE[word];
}

/**
 * Does the locale write 1.234,5 (comma decimal)? Asked of the browser's own locale data, region
 * and all: es-ES writes 1,5 but es-MX 1.5, de-DE 1,5 but de-CH 1.5. undefined when it does not
 * know the locale (it would answer for its default one).
 */
function commaDecimal(locale?: string, currency?: string): boolean | undefined {
  return locale === undefined ? undefined : commaDecimalIn(currency ? `${locale} ${currency}` : locale);
}
/** Key: the locale, then its currency after a space when known. */
const commaDecimalIn = perLocale((key): boolean | undefined => {
  const [locale, currency] = key.split(' ');
  try {
    const tag = locale!.replace(/_/g, '-');
    if (!Intl.NumberFormat.supportedLocalesOf(tag).length) return undefined;
    // in its currency when known: fr-CH writes 1,5 but 1.500 KWD
    if (currency) return new Intl.NumberFormat(tag, { style: 'currency', currency }).formatToParts(1.5).find((p) => p.type === 'decimal')?.value === ',';
    return (1.5).toLocaleString(tag)[1] == ',';
  } catch {
    return undefined; // none, or not a language tag
  }
});

/**
 * "1.234,56" → 1234.56 given which character is the decimal mark; null if the grouping is malformed.
 * `lakhs`: Indian grouping is read too.
 */
function toNumber(digits: string, decimal: string | null, lakhs: boolean): number | null {
  let intPart = digits;
  let frac = '';
  if (decimal) {
    const i = digits.lastIndexOf(decimal);
    intPart = digits.slice(0, i);
    frac = digits.slice(i + 1);
    if (!/^\d+$/.test(frac)) return null;
  }
  const groups = intPart.split(/[.,' ’]/);
  // grouping must be 1–3 digits then threes ("1.2.3" is not guessed at), or for rupees lakhs:
  // 1–2 digits, twos, then three ("1,20,000"); elsewhere "12,34,567" stays a typo we do not read
  const threes = groups.every((g, k) => (k ? /^\d{3}$/ : /^\d{1,3}$/).test(g));
  if (groups.length > 1 && !threes && !(lakhs && /^\d{1,2}(?:,\d{2})*,\d{3}$/.test(intPart))) return null;
  if (!/^\d+$/.test(groups.join(''))) return null;
  const n = Number(groups.join('') + (frac ? '.' + frac : ''));
  return Number.isFinite(n) ? n : null;
}

/** Scale words after a number: "k", "M", "Mio", "million", "тыс", "млн" … */
const SCALE: Record<string, number> = { k: 1e3, tsd: 1e3, thousand: 1e3, тыс: 1e3, b: 1e9, bn: 1e9, mrd: 1e9, billion: 1e9, млрд: 1e9 };
for (const w of ['m', 'mn', 'mm', 'mio', 'million', 'millionen', 'млн']) SCALE[w] = 1e6;

/**
 * Scale words the page's language writes for another power than SCALE's, from the runtime's
 * compact notation (Intl): "B" is a thousand in Turkish, "Bn" a trillion in French and Swedish.
 * Per locale; empty when it does not know the locale.
 */
const otherScalesOf = perLocale((locale) => {
  const other = new Set<string>();
  try {
    const [tag] = Intl.NumberFormat.supportedLocalesOf(locale.replace(/_/g, '-'));
    const format = tag ? new Intl.NumberFormat(tag, { notation: 'compact', numberingSystem: 'latn' }) : undefined;
    for (let e = 3; format && e <= 12; e++) {
      const parts = format.formatToParts(10 ** e);
      const word = parts.filter((p) => p.type === 'compact').map((p) => p.value).join('').toLowerCase().replace(/\.$/, '');
      const n = Number(parts.filter((p) => p.type === 'integer').map((p) => p.value).join(''));
      if (SCALE[word] !== undefined && n && SCALE[word] !== 10 ** e / n) other.add(word);
    }
  } catch {
    // not a language tag: the words as SCALE reads them
  }
  return other;
});

/** Currencies written with three decimals: for these "1.234" may be 1.234. */
const THREE_DECIMALS = /^(?:BHD|IQD|JOD|KWD|LYD|OMR|TND)$/;

/** Words after an amount that say what it is, not how big: "$120,000 ARR". */
const LABELS = /^(?:arr|mrr|acv|tcv)$/;

/** Rupees, or a page in an Indian locale: numbers may be grouped in lakhs ("1,20,000"). */
const inLakhs = (currency?: string, locale?: string) => currency === 'INR' || /^(?:en|hi)[-_]IN$/i.test(locale ?? '');

/**
 * The part of the text that is the record's amount. Salesforce multi-currency shows the
 * record's amount, then the same converted to the user's currency in brackets:
 * "EUR 110.000,00 (USD 120.000,00)". Both with a currency: the first is the record's.
 */
function ownAmount(text: string, locale?: string): string {
  const m = /^(.*?\d.*?)\s*\(([^()]*\d[^()]*)\)$/.exec(text);
  return m && mentionsOf(m[1]!, locale).length && mentionsOf(m[2]!, locale).length ? m[1]! : text;
}

export function parseAmount(raw: string | null | undefined, locale?: string): AmountRead | undefined {
  const full = cleanText(raw).slice(0, 100);
  if (!full) return undefined;
  const out: AmountRead = { text: full };
  const text = ownAmount(full, locale);
  const mentions = mentionsOf(text, locale);
  // two currencies ("$120,000 or €110,000"): which is the amount in? Only the text is kept
  if (new Set(mentions.map((c) => c.key)).size > 1) return out;
  // first number, its separators, a minus glued after it ("500,00-", but not the range "1,000-2,000"),
  // and the word right after it ("1.2M", "1,2 Mio.", "1.5 million", "120 000 kr"): a word of letters
  // in any script, so a currency word ("Kč") is never split into a scale ("K") and a rest.
  // A decimal mark may lead it ("$.5M", "$.50"): kept apart, so ".5" is never read as 5 (not after
  // a letter: "EUR,1000" is 1000 after a comma, as before)
  const m = /((?<!\p{L})[.,](?=\d))?(\d(?:[\d.,' ’]*\d)?)([-−](?!.*\d))?\s?(\p{L}+)?/u.exec(text);
  if (!m) return out;
  const lead = m[1] ?? '';
  const digits = m[2]!;
  const end = m.index + m[0].length;
  const at = (i: number) => mentions.find((c) => c.start === i);
  // the currency is the one written next to this number: before it ("$", "-$", "($", "EUR ", "(USD) ") …
  let mention = mentions.find(
    (c) =>
      c.end <= m.index &&
      (/^[\s(−–-]*$/.test(text.slice(c.end, m.index)) || (/\(\s*$/.test(text.slice(0, c.start)) && /^\s*\)\s*$/.test(text.slice(c.end, m.index)))),
  );
  // … or after it, maybe after a scale ("120.000,00 €", "1,2 Mio. EUR", "120 000 kr", "1 234 zł")
  let word = m[4] ? m[4].toLowerCase() : '';
  // where the word starts, counted in the text (lower case may be longer: "İ" → "i̇")
  const wordAt = end - (m[4]?.length ?? 0);
  let scale: number | undefined = 1;
  if (word && at(wordAt)) {
    mention ??= at(wordAt);
    word = '';
  } else {
    // a word after the number is a scale ("M"), a label ("ARR") or something we do not know
    if (word) scale = SCALE[word] ?? (LABELS.test(word) ? 1 : undefined);
    // a scale the page's language writes for another power ("7,5 B ₺": 7,500 in Turkish): which is it?
    if (word && locale && otherScalesOf(locale).has(word)) scale = undefined;
    mention ??= at(end + /^\.?\s?/.exec(text.slice(end))![0].length);
  }
  const currency = mention?.code;
  if (currency) out.currency = currency;
  if (scale === undefined) return out;
  // a range ("$1,000 - $2,000", "$2-5k", "€1–2 Mio.", "10 to 20k") is no one amount: its text only
  if (/^\s?(?:\p{L}+\.?)?\s*(?:[-−–—]|to\b|bis\b)\s*[^\d\s]{0,4}\s?\d/u.test(text.slice(m.index + lead.length + digits.length))) return out;
  const lastDot = digits.lastIndexOf('.');
  const lastComma = digits.lastIndexOf(',');
  let decimal: string | null = null;
  if (lead) {
    // ".5", ",50": the mark that leads can only be the decimal one. Not read when more marks follow
    // (".5.000") or the page's locale writes the other mark (",5" on an en-US page): a typo or a cut
    if (lastDot >= 0 || lastComma >= 0) return out;
    const cd = commaDecimal(locale, currency);
    if (cd !== undefined && (lead === ',') !== cd) return out;
  } else if (lastDot >= 0 && lastComma >= 0) {
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
      const cd = commaDecimal(locale, currency);
      if (currency && !THREE_DECIMALS.test(currency) && !scale_(word)) decimal = null;
      else if (cd === undefined) return out;
      else decimal = (sep === ',') === cd ? sep : null;
    }
  }
  const n = lead ? Number(`0.${digits}`) : toNumber(digits, decimal, inLakhs(currency, locale));
  if (n === null) return out;
  // A sign of this number only, not any "-" or "(" before it ("Amount (USD) 1,000", "Q3 - $1,000"):
  // a minus touching the number or its currency ("-$500", "$-500", "-USD 500", "–$500": an en dash
  // set as a minus is one, a range's dash being after a number), one set apart only at the start
  // ("- 500"), an opening parenthesis only around it ("($500.00)", "(500,00 €)"); or a minus after it
  const mentionBefore = mention && mention.end <= m.index ? mention : undefined;
  const before = mentionBefore ? `${text.slice(0, mentionBefore.start)}¤${text.slice(mentionBefore.end, m.index)}` : text.slice(0, m.index);
  const sign = /(?:([-−–(])|^\s*([-−–(])\s+)(?:¤\s?)?$/u.exec(before);
  const mark = sign?.[1] ?? sign?.[2];
  const rest = text.slice(mention && !mentionBefore ? Math.max(end, mention.end) : end);
  // (letters may follow a sign inside the parentheses: "(760,00 £GB)", "(5 $US)", "(5 $ US)", as fr writes them)
  const neg = (mark === '(' ? /^\.?(?:\s?\p{L}{1,3})?\s*\)/u.test(rest) : !!mark) || !!m[3];
  // toFixed(4) drops float noise (1.2 * 1e6 = 1199999.9999999998) and keeps 3-decimal currencies
  out.value = Number(((neg ? -n : n) * scale).toFixed(4));
  return out;
}
