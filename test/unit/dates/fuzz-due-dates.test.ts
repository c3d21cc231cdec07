/**
 * What a rep types for a due date is untrusted: phrases from a grammar (weekdays, "next/this/
 * by/on", "end of …", month names and ordinals, "in N days/weeks/hours/minutes/months", slash,
 * dotted, dashed and ISO dates, valid or not), mutated (case, spaces, punctuation, Unicode
 * digits) or replaced by odd texts (other languages, 10,000 characters), are read in a user zone
 * (UTC+14, UTC−12, half-hour zones, DST) at a 'now' on an awkward local instant (the last
 * millisecond of a day, a DST switch, Feb 29, Dec 31), in both date orders, and under the
 * process zone both as the browser's (the user's own) and as something else (chrono reasons
 * in the process zone; parseDue must not).
 *
 * Checked on every case: parseDue and dueRefusal never throw; parseDue gives null or a real
 * calendar day from 1900 to 9999 with its label; dueRefusal gives null or a message, never
 * both; same input, same answer, whatever the process zone; the day is never before today
 * unless the words look back or name the year (a past day is allowed: the sidebar says it is
 * past before saving); what the grammar means is what is read (the weekday named, a month's
 * last day, N days on, the day and month typed); the ISO day and the label read back as the
 * same day. And startOfWeek for every week start.
 *
 * A failure names the seed, the input, the zone, 'now' and the order. Replay one case with
 * `FUZZ_SEED=17`; search wider with `FUZZ_SEEDS=20000`.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { dueRefusal, parseDue } from '../../../lib/due-date';
import { addDays, daysBetween, daysInMonth, formatDay, startOfWeek, todayIn, validIso, weekdayOf, zoneParts } from '../../../lib/dates';
import type { DateOrder } from '../../../lib/model/settings';
import { failuresOver, fuzzSeeds, mulberry32, pick, type Rng } from '../support/fuzz';
import { ODD_TEXTS, short } from '../support/markup-fuzz';

/** 1,500 cases: about 3 s for the file on a 2-core machine. */
const { seeds, only: ONLY_SEED } = fuzzSeeds(1500);

/** User zones: UTC+14, UTC−12, half and quarter hours, DST north and south, a DST switch at midnight. */
const ZONES = [
  'UTC',
  'Pacific/Kiritimati',
  'Etc/GMT+12',
  'America/New_York',
  'Europe/Berlin',
  'Pacific/Auckland',
  'Asia/Kolkata',
  'Asia/Kathmandu',
  'America/St_Johns',
  'Australia/Lord_Howe',
  'America/Santiago',
  'Pacific/Chatham',
] as const;
/** Local days for 'now': DST switches (New York, Berlin, Santiago), leap day, year ends, an ordinary Wednesday. */
const NOW_DAYS = ['2026-03-08', '2026-11-01', '2026-03-29', '2026-10-25', '2026-09-06', '2028-02-29', '2026-12-31', '2027-01-01', '2026-02-28', '2026-11-25', '2099-12-31'];
const NOW_TIMES = ['00:00:00.000', '00:30:00.000', '02:30:00.000', '12:00:00.000', '22:59:00.000', '23:59:59.999'];
const ORDERS: readonly DateOrder[] = ['month-first', 'day-first'];
/** The zone the process runs in, restored after: chrono reasons in it. */
const PROCESS_TZ = process.env.TZ;
afterAll(() => {
  if (PROCESS_TZ === undefined) delete process.env.TZ;
  else process.env.TZ = PROCESS_TZ;
});

const partsFormats = new Map<string, Intl.DateTimeFormat>();
/** Milliseconds `zone` is ahead of UTC at instant `t`. */
function offsetAt(zone: string, t: number): number {
  let f = partsFormats.get(zone);
  if (!f) partsFormats.set(zone, (f = new Intl.DateTimeFormat('en-US', { timeZone: zone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' })));
  const p = Object.fromEntries(f.formatToParts(new Date(t)).map((x) => [x.type, Number(x.value)]));
  return Date.UTC(p.year!, p.month! - 1, p.day!, p.hour!, p.minute!, p.second!) - Math.floor(t / 1000) * 1000;
}
/** The instant `zone`'s wall clock shows `day` `time` (a time a DST gap skips: one near it). */
function instantAt(zone: string, day: string, time: string): Date {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const [hh, mm, rest] = time.split(':') as [string, string, string];
  const wall = Date.UTC(y, m - 1, d, +hh, +mm, Math.floor(+rest), Math.round((+rest % 1) * 1000));
  let t = wall;
  for (let i = 0; i < 3; i++) t = wall - offsetAt(zone, t);
  return new Date(t);
}

const WEEKDAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];
const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];
const DAY_NUMBERS = [0, 1, 2, 9, 12, 13, 15, 28, 29, 30, 31, 32, 99, -1];
const ordinal = (n: number) => `${n}${n % 10 === 1 && n % 100 !== 11 ? 'st' : n % 10 === 2 && n % 100 !== 12 ? 'nd' : n % 10 === 3 && n % 100 !== 13 ? 'rd' : 'th'}`;
const LEADS = ['', 'by ', 'on ', 'due ', 'due by ', 'before ', 'until ', 'till '];
/** Words after a date that change nothing ("Friday EOD"). */
const TAILS = ['', '', ' EOD', ' eod', ' COB', '.', '!', ' am', ', pm'];
/** Other languages' words and digits: never an error, at most no date. */
const FOREIGN = ['nächsten Freitag', 'bis Ende des Monats', 'fin de mois', 'viernes', 'próximo lunes', '金曜日まで', '来週', 'пятница', 'до конца месяца', 'الجمعة', 'שישי', '٣/١٢/٢٠٢٦', '１２/３/２０２６', '१२/३/२०२६', 'in ٢ days', 'in ２ weeks', 'morgen', 'demain', 'mañana', '明天'];

/** What a phrase means, as far as the grammar says; a case checks it when it is read at all. */
type Meaning =
  | { kind: 'weekday'; weekday: number; next: boolean }
  | { kind: 'endOfMonth'; ahead: number }
  | { kind: 'endOfNamedMonth'; month: number }
  | { kind: 'daysOn'; days: number }
  | { kind: 'spanOn'; ms: number }
  | { kind: 'dayMonth'; month: number; day: number; year?: number }
  | { kind: 'numeric'; a: number; b: number; year?: number; yearFirst?: boolean }
  | { kind: 'today' }
  | { kind: 'none' };

interface Phrase {
  text: string;
  meaning: Meaning;
  /** Whether the words may name a day before today (they look back, or name the year). */
  pastAllowed: boolean;
  /** A plain phrase that must be read (nothing odd done to it). */
  mustRead: boolean;
}

const casing = (rng: Rng, s: string) => pick(rng, [s, s.toUpperCase(), s.replace(/\b\p{L}/gu, (c) => c.toUpperCase()), [...s].map((c) => (rng() < 0.5 ? c.toUpperCase() : c)).join('')]);

function weekdayPhrase(rng: Rng): Phrase {
  const i = Math.floor(rng() * 7);
  const name = WEEKDAYS[i]!;
  const form = pick(rng, [name, name, name.slice(0, 3), ...(i === 1 ? ['tues'] : i === 2 ? ['weds'] : i === 3 ? ['thur', 'thurs'] : [])]);
  const how = pick(rng, ['', 'this ', 'next ', 'next ']);
  const lead = how === 'this ' ? pick(rng, ['', 'by ']) : pick(rng, LEADS);
  return { text: `${lead}${how}${form}${pick(rng, TAILS)}`, meaning: { kind: 'weekday', weekday: i + 1, next: how === 'next ' }, pastAllowed: false, mustRead: form === name || form.length === 3 };
}

function endOfPhrase(rng: Rng): Phrase {
  const r = rng();
  if (r < 0.5) {
    const [text, ahead] = pick(rng, [['end of month', 0], ['end of the month', 0], ['EOM', 0], ['end of this month', 0], ['this month', 0], ['end of next month', 1]] as const);
    return { text: `${pick(rng, LEADS)}${text}${pick(rng, TAILS.slice(0, 3))}`, meaning: { kind: 'endOfMonth', ahead }, pastAllowed: false, mustRead: true };
  }
  if (r < 0.8) {
    const month = Math.floor(rng() * 12);
    const name = pick(rng, [MONTHS[month]!, MONTHS[month]!.slice(0, 3)]);
    return { text: `${pick(rng, LEADS)}${pick(rng, ['end of ', 'the end of '])}${name}`, meaning: { kind: 'endOfNamedMonth', month: month + 1 }, pastAllowed: false, mustRead: true };
  }
  // shorthand and words chrono may or may not know: only the general checks
  const text = pick(rng, ['start of month', 'start of next week', 'beginning of next month', 'end of week', 'EOW', 'EOQ', 'EOY', 'end of quarter', 'end of next quarter', 'end of year', 'Q1', 'q4 2027', 'end of Q3', 'end of Q5', 'next week', 'next month', 'next quarter', 'the end of the week', 'start of Q2']);
  return { text, meaning: { kind: 'none' }, pastAllowed: /\d{4}/.test(text), mustRead: false };
}

function spanPhrase(rng: Rng): Phrase {
  const n = pick(rng, [0, 1, 2, 3, 7, 10, 31, 32, 99, -1, 1000]);
  const unit = pick(rng, ['day', 'week', 'hour', 'minute', 'month']);
  const count = pick(rng, [String(n), String(n), ...(n === 1 ? ['a', 'one'] : n === 2 ? ['two'] : [])]);
  const plural = n === 1 && rng() < 0.7 ? '' : 's';
  const form = pick(rng, ['in {n} {u}', 'in {n} {u}', '{n} {u} from now', 'within {n} {u}']);
  const text = form.replace('{n}', count).replace('{u}', unit + plural);
  const plain = n >= 0 && n <= 99 && form.startsWith('in ');
  const meaning: Meaning =
    n < 0 || n > 99
      ? { kind: 'none' }
      : unit === 'day' || unit === 'week'
        ? { kind: 'daysOn', days: n * (unit === 'week' ? 7 : 1) }
        : unit === 'hour' || unit === 'minute'
          ? { kind: 'spanOn', ms: n * (unit === 'hour' ? 3_600_000 : 60_000) }
          : { kind: 'none' };
  return { text, meaning, pastAllowed: false, mustRead: plain && meaning.kind !== 'none' };
}

function dayMonthPhrase(rng: Rng): Phrase {
  const month = Math.floor(rng() * 12) + 1;
  const day = pick(rng, DAY_NUMBERS);
  const name = pick(rng, [MONTHS[month - 1]!, MONTHS[month - 1]!.slice(0, 3)]);
  const d = pick(rng, [String(day), day > 0 ? ordinal(day) : String(day)]);
  const year = rng() < 0.35 ? pick(rng, [2025, 2026, 2027, 2028, 1899, 2100]) : undefined;
  const dayFirst = rng() < 0.4;
  const body = dayFirst ? `${d} ${name}` : `${name} ${d}`;
  const text = `${pick(rng, LEADS)}${body}${year ? pick(rng, [', ', ' ']) + year : ''}`;
  return { text, meaning: { kind: 'dayMonth', month, day, ...(year ? { year } : {}) }, pastAllowed: year !== undefined, mustRead: false };
}

function numericPhrase(rng: Rng): Phrase {
  const a = pick(rng, [1, 2, 3, 5, 9, 12, 13, 29, 30, 31, 0, 32, 99]);
  const b = pick(rng, [1, 2, 3, 5, 10, 12, 13, 28, 29, 30, 31, 0, 32]);
  const sep = pick(rng, ['/', '/', '.', '-']);
  const r = rng();
  if (r < 0.25) {
    // year first: ISO or with slashes or dots
    const y = pick(rng, [2026, 2027, 2028, 1900, 1899, 9999, 2100]);
    const pad = (n: number) => (rng() < 0.5 ? String(n).padStart(2, '0') : String(n));
    return { text: `${y}${sep}${pad(a)}${sep}${pad(b)}`, meaning: { kind: 'numeric', a, b, year: y, yearFirst: true }, pastAllowed: true, mustRead: false };
  }
  const withYear = r < 0.65;
  const year = pick(rng, ['2026', '2027', '26', '99', '00', '1999', '2028']);
  const text = `${pick(rng, LEADS)}${a}${sep}${b}${withYear ? sep + year : ''}${pick(rng, ['', '', ' EOD', '.'])}`;
  const y = year.length === 2 ? 2000 + Number(year) : Number(year);
  return { text, meaning: { kind: 'numeric', a, b, ...(withYear ? { year: y } : {}) }, pastAllowed: withYear, mustRead: false };
}

function oddPhrase(rng: Rng): Phrase {
  const r = rng();
  let text: string;
  if (r < 0.3) text = pick(rng, FOREIGN);
  else if (r < 0.55) text = pick(rng, ODD_TEXTS);
  else if (r < 0.7) text = pick(rng, ['today', 'tomorrow', 'EOD', 'COB', 'close of business', 'tonight', 'this morning', 'by 11am', 'noon', 'Friday at 5pm', 'Fri 4/12', 'Thu 3/12', 'Mon Dec 7', 'last Friday', 'yesterday', '3 days ago', 'an hour ago', 'this past Monday']);
  else if (r < 0.85) {
    // a phrase repeated or padded to 10,000 characters
    const unit = pick(rng, ['friday ', 'in 2 weeks ', '12/3/2026 ', 'end of month ', '9', ' ', 'by ', '.']);
    text = unit.repeat(Math.ceil(10_000 / unit.length)).slice(0, 10_000);
  } else {
    // soup of the grammar's tokens
    const tokens = ['next', 'this', 'by', 'on', 'end', 'of', 'start', 'in', 'days', 'weeks', 'hours', 'friday', 'dec', '3rd', '31', '32', '/', '.', '-', '2026', 'q2', 'eom', ',', 'ago', 'last', '0', '-1', '99', 'at', '5pm'];
    text = Array.from({ length: 1 + Math.floor(rng() * 6) }, () => pick(rng, tokens)).join(pick(rng, [' ', '', '  ']));
  }
  return { text, meaning: { kind: 'none' }, pastAllowed: true, mustRead: false };
}

/** Spaces, case, punctuation and digits a rep's keyboard may add: what is meant may then be unreadable, never an error. */
function mutate(rng: Rng, p: Phrase): Phrase {
  let text = casing(rng, p.text);
  const r = rng();
  if (r < 0.15) return { ...p, text: `${pick(rng, ['  ', '\t', '\u00a0', ' \n '])}${text.replace(/ /g, () => pick(rng, [' ', '  ', '\u00a0', '\u3000', '\t']))}${pick(rng, ['', ' ', '  '])}` };
  if (r < 0.25) {
    text = text.replace(/\d/g, (c) => (rng() < 0.5 ? String.fromCharCode(0x0660 + Number(c)) : String.fromCharCode(0xff10 + Number(c))));
    return { ...p, text, mustRead: p.mustRead && !/\d/.test(p.text) };
  }
  if (r < 0.35) return { ...p, text: `${text}${pick(rng, ['?', ';', ' :)', '…', '!!', ' ,', '\u200b'])}`, mustRead: false };
  if (r < 0.4) return { ...p, text: `${pick(rng, ['(', '"', '- ', 'asdf '])}${text}`, mustRead: false };
  return { ...p, text };
}

function phraseFor(rng: Rng): Phrase {
  const make = pick(rng, [weekdayPhrase, weekdayPhrase, endOfPhrase, spanPhrase, dayMonthPhrase, numericPhrase, numericPhrase, oddPhrase]);
  return mutate(rng, make(rng));
}

interface Case {
  seed: number;
  phrase: Phrase;
  zone: string;
  now: Date;
  order: DateOrder;
  /** The process zone this case runs under: the user's (as in the browser) or another. */
  processZone: string;
}

function caseFor(seed: number): Case {
  const rng = mulberry32(seed);
  const zone = pick(rng, ZONES);
  const now = instantAt(zone, pick(rng, NOW_DAYS), pick(rng, NOW_TIMES));
  const processZone = rng() < 0.7 ? zone : pick(rng, ZONES);
  return { seed, phrase: phraseFor(rng), zone, now, order: pick(rng, ORDERS), processZone };
}

const describeCase = (c: Case) =>
  `seed ${c.seed}: ${short(c.phrase.text)} in ${c.zone} at ${c.now.toISOString()} (${todayIn(c.zone, c.now)} there), ${c.order}, process TZ ${c.processZone}` +
  (ONLY_SEED ? `\n  full input: ${JSON.stringify(c.phrase.text)}\n  meaning: ${JSON.stringify(c.phrase.meaning)}` : '');

const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
const lastDay = (y: number, m: number) => validIso(y, m, daysInMonth(y, m))!;
const realDay = (iso: string) => {
  const m = ISO_DAY.exec(iso);
  return !!m && validIso(+m[1]!, +m[2]!, +m[3]!) === iso;
};

/** What a case breaks, in words; empty when it holds. */
function check(c: Case): string[] {
  const { text } = c.phrase;
  const problems: string[] = [];
  process.env.TZ = c.processZone;
  let got: ReturnType<typeof parseDue> = null;
  let refusal: string | null = null;
  try {
    got = parseDue(text, c.now, c.zone, c.order);
    refusal = dueRefusal(text, c.now, c.zone, c.order);
  } catch (e) {
    return [`threw ${(e as Error)?.stack ?? e}`];
  }
  // the same answer again, and under another process zone
  process.env.TZ = c.processZone === 'UTC' ? 'Pacific/Kiritimati' : 'UTC';
  const again = parseDue(text, c.now, c.zone, c.order);
  if (JSON.stringify(again) !== JSON.stringify(got)) problems.push(`another process zone (${process.env.TZ}) read ${JSON.stringify(again)}, not ${JSON.stringify(got)}`);
  process.env.TZ = c.processZone;
  if (JSON.stringify(parseDue(text, c.now, c.zone, c.order)) !== JSON.stringify(got)) problems.push('not the same answer twice');

  if (refusal !== null && (typeof refusal !== 'string' || !/\S/.test(refusal))) problems.push(`refusal ${JSON.stringify(refusal)} is no message`);
  if (got && refusal !== null) problems.push(`read as ${got.iso} and refused (${refusal})`);
  if (!got) {
    if (c.phrase.mustRead && refusal === null) problems.push('a plain phrase not read');
    return problems;
  }
  const { iso } = got;
  if (!realDay(iso) || iso < '1900-01-01') return [...problems, `not a real day from 1900 to 9999: ${iso}`];
  if (got.label !== formatDay(iso)) problems.push(`label ${got.label} is not ${formatDay(iso)}`);
  const today = todayIn(c.zone, c.now);
  const ahead = daysBetween(today, iso);
  if (ahead < 0 && !c.phrase.pastAllowed) problems.push(`${iso} is before today (${today})`);

  const [y, mo, d] = iso.split('-').map(Number) as [number, number, number];
  const m = c.phrase.meaning;
  const [ty, tm] = today.split('-').map(Number) as [number, number];
  switch (m.kind) {
    case 'weekday':
      if (weekdayOf(iso) !== m.weekday) problems.push(`${iso} is not a ${WEEKDAYS[m.weekday - 1]}`);
      if (m.next ? ahead < 1 || ahead > 13 : ahead > 6) problems.push(`${iso} is ${ahead} days ahead`);
      break;
    case 'endOfMonth': {
      const total = ty * 12 + tm - 1 + m.ahead;
      if (iso !== lastDay(Math.floor(total / 12), (total % 12) + 1)) problems.push(`${iso} is not the last day of the month ${m.ahead} on`);
      break;
    }
    case 'endOfNamedMonth':
      if (mo !== m.month || iso !== lastDay(y, mo) || ahead > 366) problems.push(`${iso} is not the next last day of month ${m.month}`);
      break;
    case 'daysOn':
      if (iso !== addDays(today, m.days)) problems.push(`${iso} is not ${m.days} days on (${addDays(today, m.days)})`);
      break;
    case 'spanOn': {
      const at = zoneParts(new Date(c.now.getTime() + m.ms), c.zone);
      const want = validIso(at.year, at.month, at.day);
      if (iso !== want) problems.push(`${iso} is not the day ${m.ms / 60_000} minutes on (${want})`);
      break;
    }
    case 'dayMonth':
      if (mo !== m.month || d !== m.day || (m.year !== undefined && y !== m.year)) problems.push(`${iso} is not month ${m.month} day ${m.day}${m.year ? ` of ${m.year}` : ''}`);
      if (m.year === undefined && ahead > 366 * 4) problems.push(`${iso} is more than the next such day`);
      break;
    case 'numeric': {
      const readings = m.yearFirst ? [[m.a, m.b]] : c.order === 'month-first' ? [[m.a, m.b]] : [[m.b, m.a]];
      // a part above 12 can only be the day
      if (!m.yearFirst && readings[0]![0]! > 12) readings[0] = [readings[0]![1]!, readings[0]![0]!];
      const [wantMonth, wantDay] = readings[0]!;
      if (mo !== wantMonth || d !== wantDay || (m.year !== undefined && y !== m.year)) problems.push(`${iso} is not month ${wantMonth} day ${wantDay}${m.year ? ` of ${m.year}` : ''}`);
      if (m.year === undefined && ahead > 366 * 4) problems.push(`${iso} is more than the next such day`);
      break;
    }
  }
  // the day read back: as its ISO date, and as the label shown for it
  const back = parseDue(iso, c.now, c.zone, c.order)?.iso;
  if (back !== iso) problems.push(`its ISO date reads back as ${back}`);
  const fromLabel = parseDue(got.label, c.now, c.zone, c.order)?.iso;
  if (fromLabel !== iso) problems.push(`its label ${JSON.stringify(got.label)} reads back as ${fromLabel}`);
  return problems;
}

describe('parseDue on fuzzed phrases, zones and clocks (seeded)', () => {
  it(`never throws, and every day read is real, on or after today unless the words allow a past one, and what was meant (${seeds.length} cases)`, () => {
    const failures = failuresOver(seeds, (seed) => {
      const c = caseFor(seed);
      return { problems: check(c), describe: () => describeCase(c) };
    });
    expect(failures, failures.join('\n\n')).toEqual([]);
  }, 60_000);

  it('the fuzzed phrases do read: most grammar phrases give a day (the checks above are not idle)', () => {
    let read = 0;
    let total = 0;
    for (const seed of seeds.slice(0, 400)) {
      const c = caseFor(seed);
      if (c.phrase.meaning.kind === 'none') continue;
      total++;
      if (parseDue(c.phrase.text, c.now, c.zone, c.order)) read++;
    }
    if (!ONLY_SEED) expect(read / total).toBeGreaterThan(0.5);
  });
});

describe('startOfWeek for every week start (seeded)', () => {
  it('is the day named, on or before the day given and less than a week before', () => {
    const rng = mulberry32(ONLY_SEED || 1);
    for (let i = 0; i < 500; i++) {
      const day = addDays('1900-03-01', Math.floor(rng() * 3_000_000) % (365 * 8000));
      const weekStartsOn = 1 + Math.floor(rng() * 7);
      const start = startOfWeek(day, weekStartsOn);
      const back = daysBetween(start, day);
      expect({ weekday: weekdayOf(start), inWeek: back >= 0 && back <= 6 }, `${day}, weeks from ${weekStartsOn}`).toEqual({ weekday: weekStartsOn, inWeek: true });
    }
  });
});
