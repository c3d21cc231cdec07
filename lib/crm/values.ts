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
 * amount or date is worse than none. Pure: no browser calls, no libraries
 * (the user's time zone is read when not passed in).
 * Amounts: lib/crm/amounts.ts; dates: lib/crm/date-values.ts.
 */
import type { DealSnapshot } from './types';
import type { DateOrder } from '../model/settings';
import { isoDateOfInstant, userTimeZone } from '../dates';
import { parseAmount } from './amounts';
import { chooseDateOrder, findDate, parseDate } from './date-values';
import { slashDateOrder } from './slash-dates';

export { cleanText } from './clean-text';
export { parseAmount } from './amounts';
export { chooseDateOrder, findDate, parseDate, type DateOrder } from './date-values';
export { isOrderDependentDate, slashDateOrder } from './slash-dates';

type Readable = Pick<DealSnapshot, 'amount' | 'closeDate' | 'nextStep' | 'locale'> & Partial<Pick<DealSnapshot, 'readAt'>>;

/**
 * The order a snapshot's close date proves: a date the CRM formatted itself. A
 * date inside the next step proves nothing of the CRM's format: people type
 * that text, in whatever order they like.
 */
export function snapshotDateOrder(snapshot: Pick<Readable, 'closeDate'>): DateOrder | undefined {
  return slashDateOrder(snapshot.closeDate?.text);
}

/**
 * The calendar day, in the user's zone, a snapshot was read on: what a next step's
 * dates are due from. The day as its reader saw it, not UTC's (an evening in
 * California is the next day in UTC), and the same day when it is read again later.
 */
function readDay(readAt: string | undefined, timeZone: string): string | undefined {
  return readAt && !Number.isNaN(Date.parse(readAt)) ? isoDateOfInstant(readAt, timeZone) : undefined;
}

/**
 * A snapshot's texts → parsed amount, close date and next-step date (only where
 * unambiguous). `dateOrder`: how to read slash dates whose parts could swap
 * (chooseDateOrder); without it, the snapshot's close date, then its locale, decide.
 * A next step naming several dates is due by the first on or after the day of `readAt`
 * (findDate). Pure but for `timeZone`'s default.
 */
export function enrichSnapshot<T extends Readable>(snapshot: T, dateOrder?: DateOrder, timeZone = userTimeZone()): T {
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
    const date = findDate(snapshot.nextStep.text, order, locale, readDay(snapshot.readAt, timeZone));
    out.nextStep = date ? { text: snapshot.nextStep.text, date } : { text: snapshot.nextStep.text };
  }
  return out;
}

