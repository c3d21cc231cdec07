import { describe, expect, it, vi } from 'vitest';
import { chooseDateOrder, cleanText, enrichSnapshot, findDate, isOrderDependentDate, parseAmount, parseDate, slashDateOrder } from '../../../lib/crm/values';

describe('cleanText', () => {
  it('collapses every kind of space CRMs put in formatted values', () => {
    expect(cleanText('  120\u00a0000\u202fkr \n')).toBe('120 000 kr');
    expect(cleanText(null)).toBe('');
    expect(cleanText(undefined)).toBe('');
  });
});

describe('parseAmount', () => {
  it.each([
    ['$120,000.00', undefined, 120000, 'USD'],
    ['$48,500.00', 'en-US', 48500, 'USD'],
    ['€1.234,56', 'de', 1234.56, 'EUR'],
    ['€1.234,56', 'de-DE', 1234.56, 'EUR'],
    ['120.000,00 €', 'de-DE', 120000, 'EUR'],
    ['€ 85.000,00', 'de-DE', 85000, 'EUR'],
    ['£1.2M', undefined, 1200000, 'GBP'],
    ['$48.5K', undefined, 48500, 'USD'],
    ['EUR 1,5 Mio.', 'de-DE', 1500000, 'EUR'],
    ['USD 1,234,567.89', undefined, 1234567.89, 'USD'],
    ["CHF 1'234.50", 'de-CH', 1234.5, 'CHF'],
    ['1 234,56 €', 'fr-FR', 1234.56, 'EUR'],
    ['-$500.00', undefined, -500, 'USD'],
    ['($500.00)', undefined, -500, 'USD'],
    ['$0.00', undefined, 0, 'USD'],
  ])('%s (%s) → %s %s', (text, locale, value, currency) => {
    expect(parseAmount(text, locale)).toEqual({ text, value, currency });
  });

  it('keeps a value without a currency when the currency is ambiguous ("kr", "¥" with clear number)', () => {
    expect(parseAmount('120 000 kr')).toEqual({ text: '120 000 kr', value: 120000 });
    expect(parseAmount('120\u00a0000\u00a0kr')).toEqual({ text: '120 000 kr', value: 120000 });
  });

  it('gives no value for "1,234" without a locale (1234 or 1.234?)', () => {
    expect(parseAmount('1,234')).toEqual({ text: '1,234' });
    expect(parseAmount('1.234')).toEqual({ text: '1.234' });
    expect(parseAmount('1,234', 'en-US')).toEqual({ text: '1,234', value: 1234 });
    expect(parseAmount('1,234', 'de-DE')).toEqual({ text: '1,234', value: 1.234 });
  });

  it("reads the decimal mark of the page's region, not only its language (was: every es-* page comma-decimal)", () => {
    // Mexico, the US's Spanish, Latin America and Peru write 1,234.5; Spain and Argentina 1.234,5
    for (const locale of ['es-MX', 'es-US', 'es-419', 'es_MX']) {
      expect(parseAmount('$250,000', locale)?.value, locale).toBe(250000);
      expect(parseAmount('1,234.50', locale)?.value, locale).toBe(1234.5);
    }
    for (const locale of ['es-ES', 'es-AR', 'es']) expect(parseAmount('1.234,50', locale)?.value, locale).toBe(1234.5);
    // Swiss German and Italian write 1'234.50 (a point); a language tag the runtime does not know decides nothing
    expect(parseAmount('1,234', 'de-CH')?.value).toBe(1234);
    expect(parseAmount('1,234', 'it-CH')?.value).toBe(1234);
    expect(parseAmount('1,234', 'not a tag')).toEqual({ text: '1,234' });
    expect(parseAmount('1,234', 'qq')).toEqual({ text: '1,234' });
  });

  it('reads "1,234" as grouping when a two-decimal currency is shown (changed rule)', () => {
    expect(parseAmount('US$ 5,000')).toEqual({ text: 'US$ 5,000', value: 5000, currency: 'USD' });
    expect(parseAmount('$36,000')).toEqual({ text: '$36,000', value: 36000, currency: 'USD' });
    // three-decimal currencies stay ambiguous
    expect(parseAmount('KWD 1.234')).toEqual({ text: 'KWD 1.234', currency: 'KWD' });
    // a scale after the number keeps "1.234M" ambiguous
    expect(parseAmount('$1.234M')?.value).toBeUndefined();
  });

  it('reads spelled-out scales instead of dropping them (was: "$1.5 million" → 1.5)', () => {
    expect(parseAmount('$1.5 million')).toEqual({ text: '$1.5 million', value: 1500000, currency: 'USD' });
    expect(parseAmount('1.5 apples')).toEqual({ text: '1.5 apples' });
  });

  it('does not call other dollars USD (was: "MX$" → USD)', () => {
    expect(parseAmount('MX$1,000')?.currency).toBe('MXN');
    expect(parseAmount('R$ 1.000,00', 'pt-BR')?.currency).toBe('BRL');
    expect(parseAmount('HK$ 8,000.00')?.currency).toBe('HKD');
    expect(parseAmount('TT$ 8,000.00')?.currency).toBeUndefined();
    expect(parseAmount('$8,000.00', 'en-CA')?.currency).toBeUndefined();
    expect(parseAmount('CA$8,000.00')?.currency).toBe('CAD');
    // an ISO code glued to the "$"
    expect(parseAmount('CAD$120,000')).toMatchObject({ value: 120000, currency: 'CAD' });
    expect(parseAmount('USD$120,000')).toMatchObject({ value: 120000, currency: 'USD' });
    expect(parseAmount('XYZ$120,000')?.currency).toBeUndefined();
  });

  it('reads a range as no one amount (its text and currency only), never a minus (was: its first number, "$2-5k" as 2)', () => {
    for (const text of ['$1,000.00 - $2,000.00', '$2-5k', '$1,000 – $2,000', '$10 to $20k']) {
      expect(parseAmount(text)?.value, text).toBeUndefined();
      expect(parseAmount(text)?.currency, text).toBe('USD');
    }
    expect(parseAmount('10k-20k USD', 'en-US')).toEqual({ text: '10k-20k USD' });
    expect(parseAmount('€1–2 Mio.', 'de-DE')).toEqual({ text: '€1–2 Mio.', currency: 'EUR' });
    expect(parseAmount('1.000 bis 2.000 €', 'de-DE')).toEqual({ text: '1.000 bis 2.000 €' }); // the € is the second number's
    // not ranges: a minus after the number, a label, a date-like note with no second amount
    expect(parseAmount('500,00- €', 'de-DE')?.value).toBe(-500);
    expect(parseAmount('$120,000 ARR')?.value).toBe(120000);
    expect(parseAmount('$120,000 - final')?.value).toBe(120000);
  });

  it('takes the currency written next to the parsed number, and only real ISO 4217 codes (was: any three capitals)', () => {
    expect(parseAmount('$120,000 ARR')).toEqual({ text: '$120,000 ARR', value: 120000, currency: 'USD' });
    expect(parseAmount('1,2 MIO €', 'de-DE')).toEqual({ text: '1,2 MIO €', value: 1200000, currency: 'EUR' });
    expect(parseAmount('1,2 MIO €')).toEqual({ text: '1,2 MIO €', value: 1200000, currency: 'EUR' });
    expect(parseAmount('1,5 Mio. EUR', 'de-DE')).toEqual({ text: '1,5 Mio. EUR', value: 1500000, currency: 'EUR' });
    expect(parseAmount('1,234.56 USD')).toEqual({ text: '1,234.56 USD', value: 1234.56, currency: 'USD' });
    expect(parseAmount('USD1,000')).toEqual({ text: 'USD1,000', value: 1000, currency: 'USD' });
    expect(parseAmount('1 234,56 zł', 'pl-PL')).toEqual({ text: '1 234,56 zł', value: 1234.56, currency: 'PLN' });
    // capitals that are no currency code, away from the number: neither a currency nor in the way
    expect(parseAmount('TBD 5,000.00')).toEqual({ text: 'TBD 5,000.00', value: 5000 });
    // a currency that is not next to the number is not taken for its currency
    expect(parseAmount('120,000.00 (was $100,000.00)')).toEqual({ text: '120,000.00 (was $100,000.00)', value: 120000 });
  });

  it("takes the record's amount before a converted one in brackets (Salesforce multi-currency; was: text only)", () => {
    expect(parseAmount('EUR 110.000,00 (USD 120.000,00)', 'de-DE')).toEqual({ text: 'EUR 110.000,00 (USD 120.000,00)', value: 110000, currency: 'EUR' });
    expect(parseAmount('$120,000.00 (EUR 110,000.00)')).toEqual({ text: '$120,000.00 (EUR 110,000.00)', value: 120000, currency: 'USD' });
    expect(parseAmount('€110.000,00 ($120,000.00)', 'de-DE')).toEqual({ text: '€110.000,00 ($120,000.00)', value: 110000, currency: 'EUR' });
    expect(parseAmount('CA$8,000.00 (US$6,000.00)')).toEqual({ text: 'CA$8,000.00 (US$6,000.00)', value: 8000, currency: 'CAD' });
    // "kr" names no one currency, bracket or not
    expect(parseAmount('120 000 kr (€10,000)')).toEqual({ text: '120 000 kr (€10,000)', value: 120000 });
    // the same currency twice is no doubt
    expect(parseAmount('USD 1,000.00 ($1,000.00)')).toEqual({ text: 'USD 1,000.00 ($1,000.00)', value: 1000, currency: 'USD' });
  });

  it('keeps only the text when two different currencies are shown otherwise', () => {
    expect(parseAmount('$120,000.00 / EUR 110,000.00')).toEqual({ text: '$120,000.00 / EUR 110,000.00' });
    expect(parseAmount('$120,000 or €110,000 (list price)')).toEqual({ text: '$120,000 or €110,000 (list price)' });
    // an amount without its currency before the bracket: which currency is it in?
    expect(parseAmount('110.000,00 (USD 120.000,00)', 'de-DE')).toEqual({ text: '110.000,00 (USD 120.000,00)', value: 110000 });
  });

  it('still gives no value for a word after the number it does not know', () => {
    expect(parseAmount('$1.2 lakh')).toEqual({ text: '$1.2 lakh', currency: 'USD' });
  });

  it.each([
    ['120 000 Kč', 'cs-CZ', 120000, 'CZK'],
    ['120\u00a0000\u00a0Kč', 'cs-CZ', 120000, 'CZK'],
    ['1.234,50 Kč', 'cs-CZ', 1234.5, 'CZK'],
    ['1 500 000 Ft', 'hu-HU', 1500000, 'HUF'],
    ['1.000,00 TL', 'tr-TR', 1000, 'TRY'],
    ['₺1.000,00', 'tr-TR', 1000, 'TRY'],
    ['120 000,00 руб.', 'ru-RU', 120000, 'RUB'],
    ['1 500,00 лв.', 'bg-BG', 1500, 'BGN'],
    ['1.500,00 lei', 'ro-RO', 1500, 'RON'],
    ['1,200,000円', 'ja-JP', 1200000, 'JPY'],
    ['1,200,000원', 'ko-KR', 1200000, 'KRW'],
  ])('reads a currency written in letters of any script: %s (%s) → %s %s (was: "K" of "Kč" taken for thousands, or no value)', (text, locale, value, currency) => {
    expect(parseAmount(text, locale)).toEqual({ text: cleanText(text), value, currency });
  });

  it('never takes the first letters of a word in another script for a scale', () => {
    // was: "M" of "Mäuse" → million
    expect(parseAmount('1 000 Mäuse')).toEqual({ text: '1 000 Mäuse' });
    // was: 1.5 (the scale, in Cyrillic, not seen at all)
    expect(parseAmount('1,5 млн руб.', 'ru-RU')).toEqual({ text: '1,5 млн руб.', value: 1500000, currency: 'RUB' });
    expect(parseAmount('120 тыс. ₽', 'ru-RU')).toEqual({ text: '120 тыс. ₽', value: 120000, currency: 'RUB' });
    // a word that merely starts like a currency is no currency
    expect(parseAmount('120 000 Kčs')).toEqual({ text: '120 000 Kčs' });
  });

  it('reads Indian grouping with rupees or an Indian locale (was: no value)', () => {
    expect(parseAmount('₹1,20,000.00')).toEqual({ text: '₹1,20,000.00', value: 120000, currency: 'INR' });
    expect(parseAmount('₹1,20,000.00', 'en-IN')).toEqual({ text: '₹1,20,000.00', value: 120000, currency: 'INR' });
    expect(parseAmount('INR 1,00,00,000')).toEqual({ text: 'INR 1,00,00,000', value: 10000000, currency: 'INR' });
    expect(parseAmount('₹12,34,567')).toEqual({ text: '₹12,34,567', value: 1234567, currency: 'INR' });
    expect(parseAmount('1,20,000.00', 'en-IN')).toEqual({ text: '1,20,000.00', value: 120000 });
    expect(parseAmount('Rs. 1,20,000', 'hi-IN')).toEqual({ text: 'Rs. 1,20,000', value: 120000 });
    // Western grouping still reads in rupees
    expect(parseAmount('₹120,000.00')).toEqual({ text: '₹120,000.00', value: 120000, currency: 'INR' });
    // elsewhere, or malformed, it is still refused
    expect(parseAmount('$12,34,567')).toEqual({ text: '$12,34,567', currency: 'USD' });
    expect(parseAmount('12,34,567', 'en-US')).toEqual({ text: '12,34,567' });
    expect(parseAmount('₹1,2,000')).toEqual({ text: '₹1,2,000', currency: 'INR' });
    expect(parseAmount('₹12,34,56')).toEqual({ text: '₹12,34,56', currency: 'INR' });
    expect(parseAmount('₹123,45,678')).toEqual({ text: '₹123,45,678', currency: 'INR' });
  });

  it('reads a minus written after the number (was: "500,00- €" → +500)', () => {
    expect(parseAmount('500,00- €', 'de-DE')).toEqual({ text: '500,00- €', value: -500, currency: 'EUR' });
    expect(parseAmount('1.500,00-', 'de-DE')).toEqual({ text: '1.500,00-', value: -1500 });
    expect(parseAmount('EUR 500,00-', 'de-DE')).toEqual({ text: 'EUR 500,00-', value: -500, currency: 'EUR' });
    // a dash between two numbers is a range, glued or not: no one amount, and no minus
    expect(parseAmount('1,000-2,000', 'en-US')).toEqual({ text: '1,000-2,000' });
    expect(parseAmount('$1,000-$2,000')).toEqual({ text: '$1,000-$2,000', currency: 'USD' });
  });

  it('refuses malformed grouping and empty text', () => {
    expect(parseAmount('12,34,567')).toEqual({ text: '12,34,567' });
    expect(parseAmount('1.2.3,4')).toEqual({ text: '1.2.3,4' });
    expect(parseAmount('--')).toEqual({ text: '--' });
    expect(parseAmount('')).toBeUndefined();
    expect(parseAmount('   ')).toBeUndefined();
    expect(parseAmount(null)).toBeUndefined();
  });

  it('bounds its work on huge text', () => {
    const r = parseAmount('$1,000.00 ' + '… '.repeat(500_000));
    expect(r?.text.length).toBeLessThanOrEqual(100);
    expect(r?.value).toBe(1000);
  });
});

describe('parseDate', () => {
  it.each([
    ['12/31/2026', undefined, '2026-12-31'],
    ['31.12.2026', undefined, '2026-12-31'],
    ['31.12.2026', 'de-DE', '2026-12-31'],
    ['Dec 31, 2026', undefined, '2026-12-31'],
    ['December 31 2026', undefined, '2026-12-31'],
    ['31 Dec 2026', undefined, '2026-12-31'],
    ['31. Dezember 2026', 'de-DE', '2026-12-31'],
    ['3. März 2027', 'de-DE', '2027-03-03'],
    ['Sept 3, 2026', undefined, '2026-09-03'],
    ['2026-12-31', undefined, '2026-12-31'],
    ['1/15/2027', undefined, '2027-01-15'],
    ['03/04/2026', 'en-US', '2026-03-04'],
    ['03/04/2026', 'en-GB', '2026-04-03'],
    ['03/04/2026', 'de-DE', '2026-04-03'],
    ['04/04/2026', undefined, '2026-04-04'],
  ])('%s (%s) → %s', (text, locale, iso) => {
    expect(parseDate(text, chooseDateOrder({ locale }))).toEqual({ text, iso });
  });

  it('keeps an ambiguous numeric date as text only', () => {
    expect(parseDate('03/04/2026')).toEqual({ text: '03/04/2026' });
    expect(parseDate('03/04/2026', chooseDateOrder({ locale: 'en' }))).toEqual({ text: '03/04/2026' });
  });

  it('reads an ambiguous numeric date in the order given', () => {
    expect(parseDate('05/11/2026', 'day-first')).toEqual({ text: '05/11/2026', iso: '2026-11-05' });
    expect(parseDate('05/11/2026', 'month-first')).toEqual({ text: '05/11/2026', iso: '2026-05-11' });
    // a part above 12 is the day whatever the order says
    expect(parseDate('12/25/2026', 'day-first')).toEqual({ text: '12/25/2026', iso: '2026-12-25' });
    expect(parseDate('25/12/2026', 'month-first')).toEqual({ text: '25/12/2026', iso: '2026-12-25' });
  });

  it('refuses impossible dates and values that are more than a date', () => {
    expect(parseDate('Feb 30, 2026')).toEqual({ text: 'Feb 30, 2026' });
    expect(parseDate('13/13/2026')).toEqual({ text: '13/13/2026' });
    expect(parseDate('12/31/2026 5:00 PM')).toEqual({ text: '12/31/2026 5:00 PM' });
    expect(parseDate('')).toBeUndefined();
  });

  it.each([
    ['31 déc. 2026', 'fr-FR', '2026-12-31'],
    ['1 juil. 2027', 'fr-FR', '2027-07-01'],
    ['31 de diciembre de 2026', 'es-ES', '2026-12-31'],
    ['31 dic 2026', 'it-IT', '2026-12-31'],
    ['31 dec. 2026', 'nl-NL', '2026-12-31'],
    ['31 de dez. de 2026', 'pt-BR', '2026-12-31'],
    ['31 декабря 2026 г.', 'ru-RU', '2026-12-31'],
    ['3 lis 2026', 'pl-PL', '2026-11-03'],
    ['31 mrt. 2026', 'nl-NL', '2026-03-31'],
    ['31 de out. de 2026', 'pt-BR', '2026-10-31'],
    ['Dec 31, 2026', 'fr-FR', '2026-12-31'],
    // Catalan writes the month's article inside the date
    ['15 d’abril del 2026', 'ca-ES', '2026-04-15'],
    ["15 d'abr. del 2026", 'ca', '2026-04-15'],
    ['31 de desembre del 2026', 'ca-ES', '2026-12-31'],
    ['1 de gen. 2027', 'ca', '2027-01-01'],
  ])("reads month names in the page's language: %s (%s) → %s", (text, locale, iso) => {
    expect(parseDate(text, undefined, locale)).toEqual({ text, iso });
  });

  it.each([
    ['2026/12/31', 'ja-JP', '2026-12-31'],
    ['2026/12/31', 'zh-CN', '2026-12-31'],
    ['2026/1/5', 'zh-TW', '2026-01-05'],
    ['2026. 12. 31.', 'ko-KR', '2026-12-31'],
    ['2026.12.31', undefined, '2026-12-31'],
    ['31-12-2026', 'nl-NL', '2026-12-31'],
    ['05-11-2026', 'nl-NL', '2026-11-05'],
    ['12/15/26', 'en-US', '2026-12-15'],
    ['15/12/26', undefined, '2026-12-15'],
    ['05/11/26', 'en-GB', '2026-11-05'],
    ['15.12.26', 'de-DE', '2026-12-15'],
  ])('reads year-first dates, dashes and two-digit years: %s (%s) → %s (was: no date)', (text, locale, iso) => {
    expect(parseDate(text, chooseDateOrder({ locale }), locale)).toEqual({ text, iso });
  });

  it('keeps dashes and two-digit years as ambiguous as slashes, and no more', () => {
    expect(parseDate('05-11-2026')).toEqual({ text: '05-11-2026' });
    expect(parseDate('05/11/26')).toEqual({ text: '05/11/26' });
    expect(parseDate('05/11/26', 'month-first')).toEqual({ text: '05/11/26', iso: '2026-05-11' });
    expect(parseDate('05-11-2026', 'day-first')).toEqual({ text: '05-11-2026', iso: '2026-11-05' });
    // year first is never ambiguous
    expect(parseDate('2026/05/11')).toEqual({ text: '2026/05/11', iso: '2026-05-11' });
    // a longer chain of numbers (an address, a version) is no date
    expect(findDate('upgrade to 4.12.26.1 first')).toBeUndefined();
    expect(findDate('IP 10.1.12.26')).toBeUndefined();
    expect(findDate('ticket 1/2/26/7')).toBeUndefined();
    // dashes want the whole year: "12-15-26" could be anything
    expect(findDate('part no. 12-15-26')).toBeUndefined();
  });

  it("takes no month name it cannot place: another language's without it, or one that could start two months", () => {
    expect(parseDate('31 déc. 2026')).toEqual({ text: '31 déc. 2026' });
    expect(parseDate('31 декабря 2026 г.', undefined, 'en-US')).toEqual({ text: '31 декабря 2026 г.' });
    // "jui" starts both juin and juillet
    expect(parseDate('1 jui 2027', undefined, 'fr-FR')).toEqual({ text: '1 jui 2027' });
    // a locale the runtime does not know: English and German names still read
    expect(parseDate('31 Dec 2026', undefined, 'xx-YY')).toEqual({ text: '31 Dec 2026', iso: '2026-12-31' });
    expect(findDate('Relance le 3 déc. 2026 avec le DAF', undefined, 'fr-FR')).toEqual({ text: '3 déc. 2026', iso: '2026-12-03' });
    // a number, a word that is no month and a year before the date do not hide it
    expect(findDate('Revisar 12 meses del 2025; firmar 15 de marzo de 2026', undefined, 'es-ES')).toEqual({ text: '15 de marzo de 2026', iso: '2026-03-15' });
    expect(findDate('Send 2 demos in 2026 by 15 March 2026', undefined, 'en')).toEqual({ text: '15 March 2026', iso: '2026-03-15' });
    expect(findDate('Q3 2026: 12 seats, 3 sites 2027, then Dec 1, 2026', undefined, 'en')).toEqual({ text: 'Dec 1, 2026', iso: '2026-12-01' });
  });

  it('does not take a word that merely starts like a month for one (was: "Decimal 5, 2026" → Dec 5)', () => {
    expect(parseDate('Decimal 5, 2026')).toEqual({ text: 'Decimal 5, 2026' });
    expect(parseDate('Marketing 12, 2026')).toEqual({ text: 'Marketing 12, 2026' });
  });
});

describe('findDate', () => {
  it('finds the first date in free text', () => {
    expect(findDate('Send mutual action plan draft by 12/15/2026')).toEqual({ text: '12/15/2026', iso: '2026-12-15' });
    expect(findDate('Exec sponsor call 1/20/2027')).toEqual({ text: '1/20/2027', iso: '2027-01-20' });
    expect(findDate('Angebot an Einkauf senden bis 10.12.2026', chooseDateOrder({ locale: 'de-DE' }))).toEqual({ text: '10.12.2026', iso: '2026-12-10' });
    expect(findDate('call on Feb 2, 2027 then 3/4/2027')).toEqual({ text: 'Feb 2, 2027', iso: '2027-02-02' });
  });

  it('finds two-digit years and year-first dates in free text (was: no date)', () => {
    expect(findDate('Follow up call 12/15/26')).toEqual({ text: '12/15/26', iso: '2026-12-15' });
    expect(findDate('2026/12/15までに見積送付', undefined, 'ja-JP')).toEqual({ text: '2026/12/15', iso: '2026-12-15' });
    expect(findDate('견적서 2026. 12. 15. 발송', undefined, 'ko-KR')).toEqual({ text: '2026. 12. 15', iso: '2026-12-15' });
    expect(findDate('Offerte sturen vóór 15-12-2026', chooseDateOrder({ locale: 'nl-NL' }))).toEqual({ text: '15-12-2026', iso: '2026-12-15' });
  });

  it('returns an ambiguous date as text only, and nothing when there is no date', () => {
    expect(findDate('review on 03/04/2026')).toEqual({ text: '03/04/2026' });
    expect(findDate('Q4 2026 review')).toBeUndefined();
    expect(findDate('Marketing 12, 2026 plan')).toBeUndefined();
    expect(findDate('')).toBeUndefined();
    expect(findDate(null)).toBeUndefined();
  });
});

describe('findDate: a next step that names several dates', () => {
  const READ_ON = '2026-11-25';

  it('takes the earliest date on or after the day it is read (was: the first written)', () => {
    expect(findDate('11/20/2026 sent proposal; pricing call 12/15/2026', undefined, undefined, READ_ON)).toEqual({ text: '12/15/2026', iso: '2026-12-15' });
    expect(findDate('Legal call 1/10/2027; pricing call 12/15/2026', undefined, undefined, READ_ON)).toEqual({ text: '12/15/2026', iso: '2026-12-15' });
    // the day itself is not past
    expect(findDate('call 11/25/2026, then contract 12/15/2026', undefined, undefined, READ_ON)).toEqual({ text: '11/25/2026', iso: '2026-11-25' });
    // written in different ways
    expect(findDate('Demo am 3. November 2026, Angebot bis 15.12.2026', 'day-first', 'de-DE', READ_ON)).toEqual({ text: '15.12.2026', iso: '2026-12-15' });
  });

  it('takes the latest when every date is past', () => {
    expect(findDate('met 10/2/2026, sent proposal 11/20/2026', 'month-first', undefined, READ_ON)).toEqual({ text: '11/20/2026', iso: '2026-11-20' });
  });

  it('gives no day when a date that reads two ways decides it; ignores one that does not', () => {
    // 05/12/2026: 5 December (due) or May 12 (past, so 11/20 would be the latest)
    expect(findDate('11/20/2026 proposal; call 05/12/2026', undefined, undefined, READ_ON)).toEqual({ text: '05/12/2026' });
    expect(findDate('11/20/2026 proposal; call 05/12/2026', 'day-first', undefined, READ_ON)).toEqual({ text: '05/12/2026', iso: '2026-12-05' });
    expect(findDate('11/20/2026 proposal; call 05/12/2026', 'month-first', undefined, READ_ON)).toEqual({ text: '11/20/2026', iso: '2026-11-20' });
    // 3/4/2027 is after Feb 2, 2027 either way
    expect(findDate('call on Feb 2, 2027 then 3/4/2027', undefined, undefined, READ_ON)).toEqual({ text: 'Feb 2, 2027', iso: '2027-02-02' });
  });

  it('without the day it is read: the first date written, as before', () => {
    expect(findDate('11/20/2026 sent proposal; pricing call 12/15/2026')).toEqual({ text: '11/20/2026', iso: '2026-11-20' });
  });

  it("enrichSnapshot weighs them against the day of the report's readAt, in the user's zone", () => {
    const snapshot = { readAt: '2026-11-25T15:00:00.000Z', locale: 'en-US', nextStep: { text: '11/20/2026 sent proposal; pricing call 12/15/2026' } };
    expect(enrichSnapshot(snapshot, undefined, 'UTC').nextStep).toEqual({ text: snapshot.nextStep.text, date: { text: '12/15/2026', iso: '2026-12-15' } });
    // 01:00 UTC on the 26th is still the 25th in Los Angeles
    const late = { readAt: '2026-11-26T01:00:00.000Z', locale: 'en-US', nextStep: { text: 'call 11/25/2026, then contract 12/15/2026' } };
    expect(enrichSnapshot(late, undefined, 'America/Los_Angeles').nextStep).toMatchObject({ date: { iso: '2026-11-25' } });
    expect(enrichSnapshot(late, undefined, 'UTC').nextStep).toMatchObject({ date: { iso: '2026-12-15' } });
  });
});

describe('date order (05/11/2026: 5 November or May 11?)', () => {
  it('a slash date proves an order only when one part is above 12', () => {
    expect(slashDateOrder('26/11/2026')).toBe('day-first');
    expect(slashDateOrder('Send the plan by 11/26/2026')).toBe('month-first');
    expect(slashDateOrder('05/11/2026')).toBeUndefined();
    expect(slashDateOrder('13/13/2026')).toBeUndefined();
    expect(slashDateOrder('26.11.2026')).toBeUndefined();
    expect(slashDateOrder(undefined)).toBeUndefined();
    expect(slashDateOrder('26/11/26')).toBe('day-first');
    expect(slashDateOrder('31-12-2026')).toBe('day-first');
    expect(slashDateOrder('2026/11/26')).toBeUndefined();
  });

  it('tells which dates depend on the order', () => {
    expect(isOrderDependentDate('05/11/2026')).toBe(true);
    expect(isOrderDependentDate('call on 1/2/2027')).toBe(true);
    expect(isOrderDependentDate('05/05/2026')).toBe(false);
    expect(isOrderDependentDate('26/11/2026')).toBe(false);
    expect(isOrderDependentDate('Nov 5, 2026')).toBe(false);
    expect(isOrderDependentDate('')).toBe(false);
    expect(isOrderDependentDate('call on 5/11/26')).toBe(true);
    expect(isOrderDependentDate('05-11-2026')).toBe(true);
    expect(isOrderDependentDate('2026/05/11')).toBe(false);
    // any date of the text, not only the first (was: 11/20/2026 alone was looked at)
    expect(isOrderDependentDate('11/20/2026 proposal; call 05/12/2026')).toBe(true);
  });

  it('takes the strongest evidence: the setting, the snapshot, the site, then the language', () => {
    expect(chooseDateOrder({ setting: 'day-first', snapshot: 'month-first', site: 'month-first', locale: 'en-US' })).toBe('day-first');
    expect(chooseDateOrder({ setting: 'auto', snapshot: 'day-first', site: 'month-first', locale: 'en-US' })).toBe('day-first');
    expect(chooseDateOrder({ setting: 'auto', site: 'day-first', locale: 'en-US' })).toBe('day-first');
    expect(chooseDateOrder({ setting: 'auto', locale: 'en-US' })).toBe('month-first');
    expect(chooseDateOrder({ locale: 'en-GB' })).toBe('day-first');
    expect(chooseDateOrder({ locale: 'en' })).toBeUndefined();
    expect(chooseDateOrder({ locale: 'ca-ES' })).toBe('day-first');
    expect(chooseDateOrder({ locale: 'uk' })).toBe('day-first');
    expect(chooseDateOrder({ locale: 'en_GB' })).toBe('day-first');
    expect(chooseDateOrder({ locale: 'en_US' })).toBe('month-first');
    expect(chooseDateOrder({ locale: 'en_PH' })).toBe('month-first');
    // a language code is matched whole: "fil" (Filipino, month first) is not "fi"
    expect(chooseDateOrder({ locale: 'fil-PH' })).toBeUndefined();
    expect(chooseDateOrder({ locale: 'ja-JP' })).toBeUndefined();
    expect(chooseDateOrder({})).toBeUndefined();
  });

  it("an English-language page with a UK locale: the close date's order reads the next step's date", () => {
    const snapshot = { locale: 'en-US', closeDate: { text: '26/11/2026' }, nextStep: { text: 'Pricing call 05/12/2026' } };
    expect(enrichSnapshot(snapshot)).toMatchObject({
      closeDate: { text: '26/11/2026', iso: '2026-11-26' },
      nextStep: { text: 'Pricing call 05/12/2026', date: { text: '05/12/2026', iso: '2026-12-05' } },
    });
    // the order passed in (the user's setting, or what the site proved) reads what the snapshot cannot
    const alone = { locale: 'en-US', closeDate: { text: '05/11/2026' } };
    expect(enrichSnapshot(alone).closeDate).toEqual({ text: '05/11/2026', iso: '2026-05-11' });
    expect(enrichSnapshot(alone, 'day-first').closeDate).toEqual({ text: '05/11/2026', iso: '2026-11-05' });
  });
});

describe('parseAmount without Intl.supportedValuesOf (older runtimes)', () => {
  it('still tells real currency codes from other capitals', async () => {
    const intl = Intl as unknown as { supportedValuesOf?: unknown };
    const saved = intl.supportedValuesOf;
    delete intl.supportedValuesOf;
    try {
      vi.resetModules();
      const fresh = await import('../../../lib/crm/values');
      expect(fresh.parseAmount('$120,000 ARR')).toEqual({ text: '$120,000 ARR', value: 120000, currency: 'USD' });
      expect(fresh.parseAmount('CHF 1,234.50')).toEqual({ text: 'CHF 1,234.50', value: 1234.5, currency: 'CHF' });
    } finally {
      intl.supportedValuesOf = saved;
      vi.resetModules();
    }
  });
});

describe('parseDate: dotted dates on a page that writes the year first (found by test/unit/crm/fuzz-values.test.ts)', () => {
  it('takes no day from "26. 12. 31." on a ko page, where it is 2026-12-31 (was: 2031-12-26)', () => {
    expect(parseDate('15. 5. 31.', undefined, 'ko-KR')).toEqual({ text: '15. 5. 31.' });
    expect(findDate('Call 27. 7. 13.', undefined, 'ko-KR')).toEqual({ text: '27. 7. 13' });
    // a whole year reads as before, and dots elsewhere are day first
    expect(parseDate('2026. 12. 31.', undefined, 'ko-KR')?.iso).toBe('2026-12-31');
    expect(parseDate('31.12.26', undefined, 'de-DE')?.iso).toBe('2026-12-31');
    expect(parseDate('31.12.26')?.iso).toBe('2026-12-31');
  });
});
