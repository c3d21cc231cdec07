import { describe, expect, it } from 'vitest';
import { parseAmount } from '../../../lib/crm/amounts';

describe('parseAmount: which dollar a bare "$" is', () => {
  it('a page locale written with "_" names its region too (was: "$" on an en_CA page stored as USD)', () => {
    for (const locale of ['en-CA', 'en_CA', 'en_AU', 'en_nz', 'zh_Hant_TW', 'zh-Hant-TW']) {
      expect(parseAmount('$1,000', locale), locale).toEqual({ text: '$1,000', value: 1000 });
    }
    expect(parseAmount('1 000,00 $', 'fr_CA')).toEqual({ text: '1 000,00 $', value: 1000 });
    // the US, and the region only: not a later part of the tag that reads like one ("-u-ca-": a calendar)
    expect(parseAmount('$1,000', 'en_US')?.currency).toBe('USD');
    expect(parseAmount('$1,000', 'en-US-u-ca-buddhist')?.currency).toBe('USD');
  });

  it('the peso countries that write "$" (was: Uruguay, the Dominican Republic, Cuba taken for USD)', () => {
    for (const locale of ['es-UY', 'es_UY', 'es-DO', 'es-CU', 'es-MX', 'es-AR', 'es-CL', 'es-CO']) {
      expect(parseAmount('$1,234', locale)?.currency, locale).toBeUndefined();
    }
    // where the dollar is the money (Ecuador, El Salvador, Puerto Rico), "$" is USD
    for (const locale of ['es-EC', 'es-SV', 'es-PR']) expect(parseAmount('$1,234', locale)?.currency, locale).toBe('USD');
  });
});

describe('parseAmount: a decimal mark before the first digit', () => {
  it('reads ".5" as a half, never as 5 (was: "$.5M" → 5,000,000, "$.50" → 50)', () => {
    expect(parseAmount('$.5M')).toEqual({ text: '$.5M', value: 500000, currency: 'USD' });
    expect(parseAmount('$.50')).toEqual({ text: '$.50', value: 0.5, currency: 'USD' });
    expect(parseAmount('.75', 'en-US')).toEqual({ text: '.75', value: 0.75 });
    expect(parseAmount('-$.50')?.value).toBe(-0.5);
    expect(parseAmount('€,50', 'de-DE')).toEqual({ text: '€,50', value: 0.5, currency: 'EUR' });
    // three digits after a leading mark are decimals too (it cannot be grouping)
    expect(parseAmount('$.500')?.value).toBe(0.5);
  });

  it('gives no value when the leading mark is not the decimal one, or more marks follow', () => {
    expect(parseAmount('$,50', 'en-US')).toEqual({ text: '$,50', currency: 'USD' });
    expect(parseAmount('€.50', 'de-DE')).toEqual({ text: '€.50', currency: 'EUR' });
    expect(parseAmount('$.5.000')).toEqual({ text: '$.5.000', currency: 'USD' });
  });

  it('a comma after a currency code is punctuation, not a decimal mark', () => {
    expect(parseAmount('EUR,1000')?.value).toBe(1000);
  });
});

describe('parseAmount: the sign is the number’s own', () => {
  it('a parenthesis or dash elsewhere before the number does not make it negative (was: "Amount (USD) 1,000.00" → -1000)', () => {
    expect(parseAmount('Amount (USD) 1,000.00')).toEqual({ text: 'Amount (USD) 1,000.00', value: 1000, currency: 'USD' });
    expect(parseAmount('Total (net) $1,000.00')).toEqual({ text: 'Total (net) $1,000.00', value: 1000, currency: 'USD' });
    expect(parseAmount('Net-of-tax: $1,000.00')?.value).toBe(1000);
    expect(parseAmount('Renewal - $1,000.00')?.value).toBe(1000);
  });

  it('"(" makes it negative only when ")" closes the number', () => {
    expect(parseAmount('($500.00)')?.value).toBe(-500);
    expect(parseAmount('(500,00 €)', 'de-DE')).toEqual({ text: '(500,00 €)', value: -500, currency: 'EUR' });
    expect(parseAmount('(USD 1,000.00)')?.value).toBe(-1000);
    expect(parseAmount('($1.2M)')?.value).toBe(-1200000);
    expect(parseAmount('(1,5 Mio. EUR)', 'de-DE')?.value).toBe(-1500000);
    expect(parseAmount('($500.00')?.value).toBe(500);
    expect(parseAmount('($500.00 list)')?.value).toBeUndefined(); // a word it does not know: no value, as before
  });

  it('a minus at the number or its currency, before or after, counts', () => {
    for (const text of ['-$500.00', '$-500.00', '-USD 500.00', 'USD -500.00', '−$500.00', '- $500.00', '-500.00']) {
      expect(parseAmount(text)?.value, text).toBe(-500);
    }
    expect(parseAmount('500,00- €', 'de-DE')?.value).toBe(-500);
  });

  it('an en dash set as a minus against the number is a minus; one set apart mid-text is not', () => {
    expect(parseAmount('–$1,000')).toEqual({ text: '–$1,000', value: -1000, currency: 'USD' });
    expect(parseAmount('$–1,000')).toEqual({ text: '$–1,000', value: -1000, currency: 'USD' });
    expect(parseAmount('–1.000,00 €', 'de-DE')?.value).toBe(-1000);
    expect(parseAmount('Renewal – $1,000')?.value).toBe(1000);
    // and still a range after a number
    expect(parseAmount('$1,000 – $2,000')?.value).toBeUndefined();
  });
});

describe('parseAmount: texts Intl writes (found by test/unit/crm/fuzz-values.test.ts)', () => {
  it('keeps the sign before letters glued to a yen or yuan, and reads them (was: "-CN¥30" → 30)', () => {
    expect(parseAmount('-CN¥30', 'en-US')).toEqual({ text: '-CN¥30', value: -30, currency: 'CNY' });
    expect(parseAmount('(JP¥14)')).toEqual({ text: '(JP¥14)', value: -14, currency: 'JPY' });
    // the full-width yen ja pages write: a currency, which one unknown (as "¥")
    expect(parseAmount('-￥956,633', 'ja-JP')).toEqual({ text: '-￥956,633', value: -956633 });
  });

  it('keeps the sign of a parenthesised amount whose currency letters follow its sign (was: "(760,00 £GB)" → 760)', () => {
    expect(parseAmount('(760,00 £GB)', 'fr-FR')).toEqual({ text: '(760,00 £GB)', value: -760, currency: 'GBP' });
    expect(parseAmount('(1 406 774,00 $ US)', 'fr-CA')?.value).toBe(-1406774);
  });

  it('reads the dollar French names after its sign (was: "1 000,00 $CA" on an fr-FR page → USD)', () => {
    expect(parseAmount('1 000,00 $CA', 'fr-FR')).toEqual({ text: '1 000,00 $CA', value: 1000, currency: 'CAD' });
    expect(parseAmount('-5,00 $US', 'fr-FR')).toEqual({ text: '-5,00 $US', value: -5, currency: 'USD' });
  });

  it('reads the decimal mark the locale writes in that currency (was: "0.500 KWD" on an fr-CH page → 500)', () => {
    expect(parseAmount('0.500 KWD', 'fr-CH')).toEqual({ text: '0.500 KWD', value: 0.5, currency: 'KWD' });
    expect(parseAmount('142 454.540 KWD', 'fr-CH')?.value).toBe(142454.54);
  });

  it('reads no number from a scale word the page language writes for another power (was: "7,5 B ₺" on a tr-TR page → 7.5 billion, not 7,500)', () => {
    expect(parseAmount('7,5 B ₺', 'tr-TR')).toEqual({ text: '7,5 B ₺', currency: 'TRY' });
    expect(parseAmount('1 Bn €', 'fr-FR')).toEqual({ text: '1 Bn €', currency: 'EUR' }); // a trillion in French
    expect(parseAmount('$1.5B', 'en-US')?.value).toBe(1_500_000_000);
    expect(parseAmount('1,5 Mrd. €', 'de-DE')?.value).toBe(1_500_000_000);
  });
});
