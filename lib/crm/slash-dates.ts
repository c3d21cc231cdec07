/**
 * Numeric dates written with slashes (or dashes), whose meaning depends on the
 * order the CRM writes them in (05/11/2026: 5 November day first, May 11 month
 * first). Apart from values.ts so the sidebar can ask whether a date reads two
 * ways without loading the whole value parser.
 */
import type { DateOrder } from '../model/settings';

/**
 * Day and month in either order, then the year: "05/11/2026", "5/11/26", "05-11-2026".
 * Slashes take a two-digit year (20yy); dashes only a whole one ("12-15-26" may be a part
 * number). Not part of a longer chain of slashes ("1/2/26/7"). Groups: 1 and 3 the day and
 * month, 4 the year.
 */
export const SLASH_DATE = /(?<!\d\/)\b(\d{1,2})([/-])(\d{1,2})\2(\d{4}|(?<=\/)\d{2})\b(?!\/\d)/;

/** A slash date's two first parts: which one is the day depends on the order. */
function partsOf(m: RegExpExecArray | RegExpMatchArray): [number, number] {
  return [+m[1]!, +m[3]!];
}

/** The year of a slash date: two digits are this century's ("12/15/26" is 2026). */
export function yearOf(written: string): number {
  return written.length === 2 ? 2000 + +written : +written;
}

/** The order a slash date in `text` proves (a part above 12 can only be the day); undefined when it proves none. */
export function slashDateOrder(text: string | null | undefined): DateOrder | undefined {
  const m = SLASH_DATE.exec(text ?? '');
  if (!m) return undefined;
  const [a, b] = partsOf(m);
  if (a > 12 && b <= 12) return 'day-first';
  if (b > 12 && a <= 12) return 'month-first';
  return undefined;
}

/**
 * Whether `text` holds a slash date whose meaning depends on the order (05/11/2026; not 13/11
 * nor 05/05). Any of its dates: a next step may name several, and the one due may be any.
 */
export function isOrderDependentDate(text: string | null | undefined): boolean {
  return [...(text ?? '').matchAll(new RegExp(SLASH_DATE, 'g'))].some((m) => {
    const [a, b] = partsOf(m);
    return a <= 12 && b <= 12 && a !== b;
  });
}
