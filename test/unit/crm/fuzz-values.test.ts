/**
 * What a CRM page shows is untrusted: amounts (a known number written by Intl in many locales
 * and currencies, accounting and compact forms, or written by hand: symbols and codes before or
 * after, odd separators and spaces, minus signs and parentheses, ranges, two currencies, scale
 * words, 10,000 digits, NaN, Infinity, 1e309) and dates (a known day written by Intl in many
 * locales and styles, invalid days, odd texts), read with page locales real, odd and malformed.
 *
 * Checked on every case: parseAmount, parseDate, findDate, slashDateOrder,
 * isOrderDependentDate and enrichSnapshot never throw; an amount's number is finite or absent
 * and its currency three capitals or absent; a text written from a known number, read with its
 * own page locale (or none), gives that number or none, never another (values.ts: "a wrong
 * amount or date is worse than none"), and the same for a known day read in its locale's order
 * (or none); two currencies or a range give no number; an ISO date is a real day; the texts
 * kept are the page's; and what enrichSnapshot gives passes the deal schema (lib/model/deal.ts).
 *
 * A failure names the seed, the input and the locale. Replay one case with `FUZZ_SEED=17`;
 * search wider with `FUZZ_SEEDS=20000`.
 */
import { describe, expect, it } from 'vitest';
import { cleanText, enrichSnapshot, findDate, isOrderDependentDate, parseAmount, parseDate, slashDateOrder } from '../../../lib/crm/values';
import { numericDateOrderOf, validIso } from '../../../lib/dates';
import { dealSnapshotSchema } from '../../../lib/model/deal';
import type { DateOrder } from '../../../lib/model/settings';
import { failuresOver, fuzzSeeds, mulberry32, pick, type Rng } from '../support/fuzz';
import { ODD_TEXTS, short } from '../support/markup-fuzz';
import { snapshot } from '../support/records';

/** 2,000 cases: about 2 s for the file on a 2-core machine. */
const { seeds, only: ONLY_SEED } = fuzzSeeds(2000);

/** Locales Intl writes texts in, and the page says it is in. */
const LOCALES = ['en-US', 'en-GB', 'en-IN', 'en-CA', 'de-DE', 'de-CH', 'de-AT', 'fr-FR', 'fr-CH', 'fr-CA', 'es-ES', 'es-MX', 'it-IT', 'nl-NL', 'pt-BR', 'sv-SE', 'pl-PL', 'cs-CZ', 'ru-RU', 'tr-TR', 'ja-JP', 'zh-CN', 'ko-KR', 'hi-IN', 'ar-EG'] as const;
/** Page locales no text is written in: unknown, odd, malformed (the direct calls take any string). */
const ODD_LOCALES = ['en', 'de', 'de_DE', 'en_GB', 'xx-YY', 'zz', 'en-US-u-nu-arab', 'en-US-US', 'zh-Hant-TW', 'qaa-x-abc'];
const MALFORMED_LOCALES = ['', ' ', '"]', 'x'.repeat(1000), 'en-abcdefgh-abcdefgh-abcdefgh-abcdefgh-x', '\u0000', '💰'];
const CURRENCIES = ['USD', 'EUR', 'GBP', 'JPY', 'INR', 'CHF', 'SEK', 'CZK', 'PLN', 'KWD', 'CAD', 'BRL', 'MXN', 'KRW', 'RUB', 'TRY', 'CNY'];
const SPACES = [' ', '\u00a0', '\u202f', '\u2009', '  '];

/** A known number: round, with cents, huge, tiny, or with two significant digits (compact forms show it exactly). */
function numberFor(rng: Rng): number {
  const r = rng();
  if (r < 0.2) return pick(rng, [0, 1, 5, 12, 999, 1000, 1234, 120000, 1234567.89, 0.5, 0.05, 1e12, 999999999.99]);
  if (r < 0.5) return Math.round(rng() * 10 ** Math.floor(rng() * 10) * 100) / 100;
  if (r < 0.7) return Math.floor(rng() * 10 ** Math.floor(rng() * 9));
  return (1 + Math.floor(rng() * 99)) * 10 ** Math.floor(rng() * 10);
}

type Amount = {
  text: string;
  locale?: string;
  /** The number the text was written from, when only the page locale given can read it. */
  value?: number;
  /** The currency the text was written in by its ISO code: any currency read is it. */
  currency?: string;
  /** The text names two currencies or a range: no number. */
  noValue?: boolean;
};

const formats = new Map<string, Intl.NumberFormat>();
function intlAmount(rng: Rng): Amount {
  const locale = pick(rng, LOCALES);
  const n = numberFor(rng) * (rng() < 0.25 ? -1 : 1);
  const currency = rng() < 0.85 ? pick(rng, CURRENCIES) : undefined;
  const kind = pick(rng, ['plain', 'plain', 'code', 'accounting', 'compact']);
  const options: Intl.NumberFormatOptions = currency ? { style: 'currency', currency } : { maximumFractionDigits: 2 };
  if (kind === 'code' && currency) options.currencyDisplay = 'code';
  if (kind === 'accounting' && currency) options.currencySign = 'accounting';
  if (kind === 'compact') Object.assign(options, { notation: 'compact', maximumSignificantDigits: 2 });
  const key = `${locale} ${JSON.stringify(options)}`;
  let f = formats.get(key);
  if (!f) formats.set(key, (f = new Intl.NumberFormat(locale, options)));
  // what the text shows: the number as rounded to the currency's decimals or compact digits
  const digits = f.resolvedOptions().maximumFractionDigits ?? 2;
  const shown = kind === 'compact' ? n : (Math.sign(n) * Math.round(Math.abs(n) * 10 ** digits)) / 10 ** digits;
  const text = f.format(n);
  // the oracle holds when the number shown is the number written (compact: two significant digits,
  // and the page's locale given: without it a scale word is read in English, "B" a billion)
  const pageLocale = rng() < 0.8 ? locale : undefined;
  const exact = kind !== 'compact' || (Number(n.toPrecision(2)) === n && pageLocale !== undefined);
  return { text, locale: pageLocale, ...(exact ? { value: shown === 0 ? 0 : shown } : {}), ...(kind === 'code' && currency ? { currency } : {}) };
}

function handAmount(rng: Rng): Amount {
  const num = pick(rng, ['120,000.00', '1.234,56', '1 234,56', "1'234.50", '1,20,000', '500', '0', '.5', ',50', '1,234', '1.234', '12,34,567', '1.2.3', '999999999999999999999', '9'.repeat(400)]);
  const cur = pick(rng, ['$', 'US$', 'C$', '€', '£', '¥', '₹', 'kr', 'Kč', 'zł', 'EUR', 'USD', 'CHF', 'ARR', 'MIO', 'TT$', '']);
  const scale = pick(rng, ['', '', 'k', 'K', 'M', ' Mio.', ' Mrd.', ' million', ' bn', 'tsd', ' млн', 'x']);
  const sp = pick(rng, SPACES);
  const shape = pick(rng, ['{c}{n}{s}', '{c}{sp}{n}{s}', '{n}{s}{sp}{c}', '-{c}{n}', '{c}-{n}', '({c}{n})', '{n}-', '− {c}{n}', '{c}{n}{s} ARR', 'Amount (USD) {n}', 'Q3 - {c}{n}']);
  const text = shape.replace('{c}', cur).replace('{n}', num).replace('{s}', scale).replace('{sp}', sp);
  return { text, locale: pick(rng, [...LOCALES, ...ODD_LOCALES, undefined]) };
}

function ambiguousAmount(rng: Rng): Amount {
  const [a, b] = [pick(rng, ['$120,000', '€110.000', '£5,000', '10', '$2', '€1', '1,000']), pick(rng, ['€110,000', '$2,000', '5k', '20k', '2 Mio. €', '$3'])];
  const join = pick(rng, [' - ', '-', '–', ' — ', ' to ', ' bis ', ' or ', ' / ']);
  const text = `${a}${join}${b}`;
  // a range always gives no number; "or" and "/" only between two currencies
  const currencyOf = (s: string) => (s.includes('$') ? '$' : s.includes('€') ? '€' : s.includes('£') ? '£' : '');
  const two = currencyOf(a) && currencyOf(b) && currencyOf(a) !== currencyOf(b);
  const range = /-|–|—| to | bis /.test(join) && /\d$/.test(a.replace(/k$/, ''));
  return { text, locale: pick(rng, [...LOCALES, undefined]), ...(two || range ? { noValue: true } : {}) };
}

function oddAmount(rng: Rng): Amount {
  const text = pick(rng, [...ODD_TEXTS, 'NaN', 'Infinity', '-Infinity', '$Infinity', '1e309', '$1e309', '1E309 EUR', '0x1F', '$ -0', '-0,00 €', '$' + '9'.repeat(10_000), '9,'.repeat(5_000), '1.'.repeat(5_000), '((((((((1))))))))', '$$$1', '€€1', '١٢٣٬٤٥٦٫٧٨ ج.م.‏', '１２３，４５６円', '12万円', 'USD USD 1']);
  return { text, locale: pick(rng, [...LOCALES, ...ODD_LOCALES, ...MALFORMED_LOCALES, undefined]) };
}

/** Spaces a page may set differently: the same amount (cleanText reads them all as one). */
function respace(rng: Rng, a: Amount): Amount {
  return rng() < 0.3 ? { ...a, text: `${pick(rng, ['', ' ', '\n\t'])}${a.text.replace(/[ \u00a0\u202f]/g, () => pick(rng, SPACES))}${pick(rng, ['', ' '])}` } : a;
}

function amountFor(rng: Rng): Amount {
  return respace(rng, pick(rng, [intlAmount, intlAmount, handAmount, ambiguousAmount, oddAmount])(rng));
}

type DateText = {
  text: string;
  locale?: string;
  order?: DateOrder;
  /** The day the text was written from, when read in its locale's order (or none). */
  iso?: string;
  /** A text that names no real day. */
  noDay?: boolean;
};

const dateFormats = new Map<string, Intl.DateTimeFormat>();
const STYLES: Intl.DateTimeFormatOptions[] = [{ dateStyle: 'short' }, { dateStyle: 'medium' }, { dateStyle: 'long' }, { dateStyle: 'full' }, { year: 'numeric', month: '2-digit', day: '2-digit' }, { year: 'numeric', month: 'short', day: 'numeric' }];
function intlDate(rng: Rng): DateText {
  const locale = pick(rng, LOCALES);
  const style = pick(rng, STYLES);
  const y = rng() < 0.9 ? 2000 + Math.floor(rng() * 100) : pick(rng, [1900, 1999, 2150, 2200]);
  const twoDigitYear = y < 2000 || y > 2099;
  const m = 1 + Math.floor(rng() * 12);
  const d = pick(rng, [1, 5, 12, 13, 28, 29, 30, 31, 1 + Math.floor(rng() * 28)]);
  const iso = validIso(y, m, d);
  if (!iso || (twoDigitYear && style.dateStyle === 'short')) return { text: `${m}/${d}/${y}`, noDay: !iso, locale };
  const key = `${locale} ${JSON.stringify(style)}`;
  let f = dateFormats.get(key);
  if (!f) dateFormats.set(key, (f = new Intl.DateTimeFormat(locale, { ...style, timeZone: 'UTC' })));
  const text = f.format(new Date(`${iso}T12:00:00Z`));
  const order = rng() < 0.7 ? numericDateOrderOf(locale) : undefined;
  const pageLocale = rng() < 0.8 ? locale : undefined;
  // "26. 12. 31." (ko): without the page's locale, dots read day first
  const known = pageLocale !== undefined || !/^\d{1,2}\.\s?\d{1,2}\.\s?\d{2}\b/.test(text);
  return { text, locale: pageLocale, ...(order ? { order } : {}), ...(known ? { iso } : {}) };
}

function handDate(rng: Rng): DateText {
  const text = pick(rng, ['2/30/2026', '13/13/2026', '31.02.2026', '2026-02-29', '2027/02/29', 'Feb 30, 2026', '30 février 2026', '0/0/0000', '99/99/9999', '00.00.00', '31/04/2026', '2026-13-01', '1899-12-31', '2201-01-01', '12/31/99999', '31.12.99999']);
  const pre = pick(rng, ['', 'Due ', 'by ', '']);
  return { text: `${pre}${text}`, locale: pick(rng, [...LOCALES, ...ODD_LOCALES, undefined]), order: pick(rng, ['month-first', 'day-first', undefined] as const), noDay: true };
}

function oddDate(rng: Rng): DateText {
  const parts = ['12/31/2026', '31.12.2026', '2026-12-31', 'Dec 31, 2026', '31 déc. 2026', '5/11/2026', '05-11-2026', '1/2/26/7', '10.1.12.26', 'Marketing 12, 2026', '12 meses del 2025', 'v1.2.2026', 'call', ';', 'then', '3rd', '2026'];
  const text =
    rng() < 0.5
      ? pick(rng, [...ODD_TEXTS, '1/'.repeat(5_000), '12/31/2026 '.repeat(1_000), 'Dec '.repeat(3_000) + '31, 2026', '31. '.repeat(3_000)])
      : Array.from({ length: 1 + Math.floor(rng() * 8) }, () => pick(rng, parts)).join(pick(rng, [' ', ', ', '']));
  return { text, locale: pick(rng, [...LOCALES, ...ODD_LOCALES, ...MALFORMED_LOCALES, undefined]), order: pick(rng, ['month-first', 'day-first', undefined] as const) };
}

function dateFor(rng: Rng): DateText {
  return pick(rng, [intlDate, intlDate, handDate, oddDate])(rng);
}

const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
const realDay = (iso: string) => {
  const m = ISO_DAY.exec(iso);
  return !!m && validIso(+m[1]!, +m[2]!, +m[3]!) === iso;
};

function checkAmount(a: Amount): string[] {
  const problems: string[] = [];
  let got: ReturnType<typeof parseAmount>;
  try {
    got = parseAmount(a.text, a.locale);
  } catch (e) {
    return [`parseAmount threw ${(e as Error)?.stack ?? e}`];
  }
  const kept = cleanText(a.text).slice(0, 100);
  if (!kept) return got === undefined ? [] : [`read ${JSON.stringify(got)} from no text`];
  if (!got || got.text !== kept) return [`kept ${JSON.stringify(got?.text)}, not the page's text`];
  if (got.value !== undefined && !(typeof got.value === 'number' && Number.isFinite(got.value))) problems.push(`value ${got.value} is not a finite number`);
  if (got.currency !== undefined && !/^[A-Z]{3}$/.test(got.currency)) problems.push(`currency ${JSON.stringify(got.currency)} is no ISO code`);
  if (a.noValue && got.value !== undefined) problems.push(`a number (${got.value}) from two currencies or a range`);
  if (a.currency && got.currency && got.currency !== a.currency) problems.push(`currency ${got.currency}, written in ${a.currency}`);
  if (a.value !== undefined && got.value !== undefined && Math.abs(got.value - a.value) > Math.abs(a.value) * 1e-9) problems.push(`read ${got.value}, written from ${a.value}`);
  if (JSON.stringify(parseAmount(a.text, a.locale)) !== JSON.stringify(got)) problems.push('not the same answer twice');
  return problems;
}

function checkDate(t: DateText, from: string): string[] {
  const problems: string[] = [];
  let whole: ReturnType<typeof parseDate>;
  let inText: ReturnType<typeof findDate>;
  try {
    whole = parseDate(t.text, t.order, t.locale);
    inText = findDate(t.text, t.order, t.locale, from);
    findDate(t.text, t.order, t.locale);
    slashDateOrder(t.text);
    isOrderDependentDate(t.text);
  } catch (e) {
    return [`threw ${(e as Error)?.stack ?? e}`];
  }
  const kept = cleanText(t.text);
  if (!kept.slice(0, 100)) {
    if (whole) problems.push(`parseDate read ${JSON.stringify(whole)} from no text`);
  } else if (whole?.text !== kept.slice(0, 100)) problems.push(`parseDate kept ${JSON.stringify(whole?.text)}, not the page's text`);
  for (const [name, read] of [['parseDate', whole], ['findDate', inText]] as const) {
    if (read?.iso !== undefined && (!realDay(read.iso) || read.iso < '1900-01-01')) problems.push(`${name}: ${read.iso} is no real day`);
    if (read?.iso && t.noDay) problems.push(`${name}: a day (${read.iso}) from a text that names none`);
    if (read?.iso && t.iso && read.iso !== t.iso) problems.push(`${name}: read ${read.iso}, written from ${t.iso}`);
  }
  if (inText && !kept.includes(inText.text)) problems.push(`findDate's text ${JSON.stringify(inText.text)} is not in the page's`);
  return problems;
}

/** A snapshot as the content script sends it (the schema bounds its texts), with these texts and locale. */
function snapshotWith(rng: Rng, amount: Amount, close: DateText, next: DateText) {
  const page = (s: string, max: number) => s.trim().slice(0, max).trim();
  const locale = pick(rng, [amount.locale, close.locale, ...LOCALES, ...ODD_LOCALES]);
  const s = snapshot('0065g00000AcmeQAAS', 'Dana Reyes', {
    readAt: pick(rng, ['2026-11-20T15:00:00.000Z', '2028-02-29T23:59:59.999Z', '2026-12-31T23:30:00.000Z', '2099-12-31T12:00:00.000Z']),
    ...(locale && dealSnapshotSchema.shape.locale.safeParse(locale).success ? { locale } : {}),
  });
  const amountText = page(amount.text, 100);
  const closeText = page(close.text, 100);
  return {
    ...s,
    ...(amountText ? { amount: { text: amountText } } : {}),
    ...(closeText ? { closeDate: { text: closeText } } : {}),
    ...(rng() < 0.9 ? { nextStep: { text: page(`${pick(rng, ['Send proposal by ', 'Call ', '', 'sent '])}${next.text}${pick(rng, ['', '; pricing call 12/15/2026', ' then 3/4'])}`, 1000) } } : {}),
  };
}

describe('CRM values on fuzzed texts and locales (seeded)', () => {
  it(`never throw; numbers finite and right or absent; days real and right or absent; enrichSnapshot passes the schema (${seeds.length} cases)`, () => {
    const failures = failuresOver(seeds, (seed) => {
      const rng = mulberry32(seed);
      const amount = amountFor(rng);
      const close = dateFor(rng);
      const next = dateFor(rng);
      const from = pick(rng, ['2026-11-20', '2026-12-31', '2099-12-31']);
      const zone = pick(rng, ['UTC', 'Pacific/Kiritimati', 'Etc/GMT+12', 'America/New_York', 'Europe/Berlin']);
      const order = pick(rng, ['month-first', 'day-first', undefined] as const);
      const problems = [...checkAmount(amount).map((p) => `amount: ${p}`), ...checkDate(close, from).map((p) => `date: ${p}`), ...checkDate(next, from).map((p) => `next-step date: ${p}`)];
      const input = snapshotWith(rng, amount, close, next);
      if (!dealSnapshotSchema.safeParse(input).success) problems.push(`the fuzz made a snapshot the schema refuses: ${JSON.stringify(input).slice(0, 300)}`);
      try {
        const enriched = enrichSnapshot(input, order, zone);
        const parsed = dealSnapshotSchema.safeParse(enriched);
        if (!parsed.success) problems.push(`enrichSnapshot's output fails the schema: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
      } catch (e) {
        problems.push(`enrichSnapshot threw ${(e as Error)?.stack ?? e}`);
      }
      const where = (label: string, x: { text: string; locale?: string; order?: string }) => `${label} ${short(x.text)} (locale ${JSON.stringify(x.locale)}${x.order ? `, ${x.order}` : ''})`;
      const describe = () =>
        `seed ${seed}: ${where('amount', amount)}, ${where('close date', close)}, ${where('next step', next)}, from ${from}, ${zone}, order ${order}` +
        (ONLY_SEED ? `\n  full amount: ${JSON.stringify(amount)}\n  full close: ${JSON.stringify(close)}\n  full next: ${JSON.stringify(next)}` : '');
      return { problems, describe };
    });
    expect(failures, failures.join('\n\n')).toEqual([]);
  }, 60_000);

  it('the oracles are not idle: most texts written from a known number or day are read as it', () => {
    let amounts = 0;
    let amountsRead = 0;
    let days = 0;
    let daysRead = 0;
    for (const seed of seeds.slice(0, 600)) {
      const rng = mulberry32(seed);
      const amount = amountFor(rng);
      const close = dateFor(rng);
      if (amount.value !== undefined && amount.locale) {
        amounts++;
        if (parseAmount(amount.text, amount.locale)?.value === amount.value) amountsRead++;
      }
      if (close.iso && close.locale && close.order) {
        days++;
        if (parseDate(close.text, close.order, close.locale)?.iso === close.iso) daysRead++;
      }
    }
    if (!ONLY_SEED) expect({ amounts: amountsRead / amounts > 0.5, days: daysRead / days > 0.5 }).toEqual({ amounts: true, days: true });
  });
});
