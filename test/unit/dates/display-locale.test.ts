/**
 * Dates and times are shown in English, in the order and with the clock of the user's region
 * (from `navigator.language`): en-US (and anything unknown) exactly as before, en-GB day first
 * on a 24-hour clock, a German browser the same in English words ("en-DE").
 *
 * Outside the US the weekday may or may not be followed by a comma depending on the ICU/CLDR
 * version ("Thu, 3 Dec 2026" / "Thu 3 Dec 2026"), and an hour before 10 may or may not be
 * padded ("8:05" / "08:05"): the tests allow either, and pin the rest.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { displayLocale, formatDay, formatInstant } from '../../../lib/dates';
import { fmtDay, fmtInstant } from '../../../lib/scorecard/format';
import { formatWeek, weekOf } from '../../../lib/scorecard/week';

const withLanguage = (language: string | undefined) => vi.stubGlobal('navigator', language === undefined ? undefined : { language });

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('displayLocale: English, in the user’s region', () => {
  it('keeps en-US for a US browser, a bare "en", no navigator (Node) or a language it cannot read', () => {
    for (const language of ['en-US', 'en', 'en-US-u-hc-h23', undefined, '', 'not a locale!', 'i-klingon']) {
      withLanguage(language);
      expect(displayLocale(), String(language)).toBe('en-US');
    }
  });

  it('carries the region into English: en-GB, de-DE → en-DE, a bare "de" → en-DE, fr-FR → en-FR', () => {
    withLanguage('en-GB');
    expect(displayLocale()).toBe('en-GB');
    withLanguage('de-DE');
    expect(displayLocale()).toBe('en-DE');
    withLanguage('de');
    expect(displayLocale()).toBe('en-DE');
    withLanguage('fr-FR');
    expect(displayLocale()).toBe('en-FR');
  });

  it('a region with no English data here (en-BR, en-RU, en-419): English in the order and clock of the user’s own language', () => {
    withLanguage('pt-BR'); // day first, 24-hour
    expect(displayLocale()).toBe('en-GB');
    expect(formatInstant('2026-12-03T17:05:00Z', 'America/Sao_Paulo')).toBe('3 Dec 2026, 14:05');
    withLanguage('ru-RU');
    expect(displayLocale()).toBe('en-GB');
    withLanguage('es-419'); // day first, 12-hour
    expect(displayLocale()).toBe('en-GB-u-hc-h12');
    expect(formatInstant('2026-12-03T20:05:00Z', 'America/Mexico_City')).toBe('3 Dec 2026, 2:05 pm');
    withLanguage('zh-CN'); // year first (English has no such order: month first), 24-hour
    expect(displayLocale()).toBe('en-US-u-hc-h23');
    expect(formatInstant('2026-12-03T06:05:00Z', 'Asia/Shanghai')).toBe('Dec 3, 2026, 14:05');
    expect(formatDay('2026-12-03')).toBe('Thu, Dec 3, 2026');
    withLanguage('xx-YY'); // a language the runtime does not know: nothing to go by
    expect(displayLocale()).toBe('en-US');
  });

  it('what it returns is a locale Intl formats with', () => {
    for (const language of ['en-GB', 'de-DE', 'ja-JP', 'pt-BR', 'en-IN', 'xx-YY']) {
      withLanguage(language);
      expect(Intl.DateTimeFormat.supportedLocalesOf(displayLocale()), language).toEqual([displayLocale()]);
    }
  });
});

describe('en-US: unchanged', () => {
  it('lib/dates', () => {
    withLanguage('en-US');
    expect(formatDay('2026-12-03')).toBe('Thu, Dec 3, 2026');
    expect(formatInstant('2026-12-03T19:05:00Z', 'America/New_York')).toBe('Dec 3, 2026, 2:05 PM');
  });

  it('the scorecard', () => {
    withLanguage('en-US');
    expect(fmtDay('2026-12-03')).toBe('Thu, Dec 3, 2026');
    expect(fmtInstant('2026-12-03T19:05:00Z', 'America/New_York')).toBe('Dec 3, 2:05 PM');
    expect(formatWeek(weekOf('2026-11-23'))).toBe('Nov 23 – Nov 29, 2026');
    expect(formatWeek(weekOf('2026-12-28'))).toBe('Dec 28, 2026 – Jan 3, 2027');
  });

  it('with no navigator at all (lib/ run in Node)', () => {
    withLanguage(undefined);
    expect(formatDay('2026-12-03')).toBe('Thu, Dec 3, 2026');
    expect(formatInstant('2026-12-03T19:05:00Z', 'America/New_York')).toBe('Dec 3, 2026, 2:05 PM');
    expect(fmtInstant('2026-12-03T19:05:00Z', 'America/New_York')).toBe('Dec 3, 2:05 PM');
    expect(formatWeek(weekOf('2026-11-23'))).toBe('Nov 23 – Nov 29, 2026');
  });
});

describe('en-GB: day first, 24-hour clock', () => {
  it('lib/dates', () => {
    withLanguage('en-GB');
    expect(formatDay('2026-12-03')).toMatch(/^Thu,? 3 Dec 2026$/);
    expect(formatInstant('2026-12-03T14:05:00Z', 'Europe/London')).toBe('3 Dec 2026, 14:05');
    // the zone still decides the wall clock (the hour before 10 is "8" or "08" as the ICU version has it)
    expect(formatInstant('2026-12-03T19:05:00Z', 'Pacific/Auckland')).toMatch(/^4 Dec 2026, 0?8:05$/);
  });

  it('the scorecard', () => {
    withLanguage('en-GB');
    expect(fmtDay('2026-12-03')).toMatch(/^Thu,? 3 Dec 2026$/);
    expect(fmtInstant('2026-12-03T14:05:00Z', 'Europe/London')).toBe('3 Dec, 14:05');
    expect(formatWeek(weekOf('2026-11-23'))).toBe('23 Nov – 29 Nov 2026');
    expect(formatWeek(weekOf('2026-12-28'))).toBe('28 Dec 2026 – 3 Jan 2027');
  });
});

describe('a German browser: English words, German order and clock (en-DE)', () => {
  it('lib/dates', () => {
    withLanguage('de-DE');
    expect(formatDay('2026-12-03')).toMatch(/^Thu,? 3 Dec 2026$/);
    expect(formatInstant('2026-12-03T13:05:00Z', 'Europe/Berlin')).toBe('3 Dec 2026, 14:05');
  });

  it('the scorecard', () => {
    withLanguage('de-DE');
    expect(fmtDay('2027-01-01')).toMatch(/^Fri,? 1 Jan 2027$/);
    expect(fmtInstant('2026-12-03T13:05:00Z', 'Europe/Berlin')).toBe('3 Dec, 14:05');
    expect(formatWeek(weekOf('2026-10-26'))).toBe('26 Oct – 1 Nov 2026');
  });

  it('switching back to en-US gives US output again (formatters are kept per locale, not reused across)', () => {
    withLanguage('de-DE');
    expect(formatInstant('2026-12-03T13:05:00Z', 'Europe/Berlin')).toBe('3 Dec 2026, 14:05');
    withLanguage('en-US');
    expect(formatInstant('2026-12-03T13:05:00Z', 'Europe/Berlin')).toBe('Dec 3, 2026, 2:05 PM');
    expect(formatDay('2026-12-03')).toBe('Thu, Dec 3, 2026');
  });
});
