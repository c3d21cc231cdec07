/**
 * Numeric dates written with slashes, whose meaning depends on the order the
 * CRM writes them in (05/11/2026: 5 November day first, May 11 month first).
 * Apart from values.ts so the sidebar can ask whether a date reads two ways
 * without loading the whole value parser.
 */
import type { DateOrder } from '../model/settings';

export const SLASH_DATE = /\b(\d{1,2})\/(\d{1,2})\/(\d{4})\b/;

/** The order a slash date in `text` proves (a part above 12 can only be the day); undefined when it proves none. */
export function slashDateOrder(text: string | null | undefined): DateOrder | undefined {
  const m = SLASH_DATE.exec(text ?? '');
  if (!m) return undefined;
  const a = +m[1]!;
  const b = +m[2]!;
  if (a > 12 && b <= 12) return 'day-first';
  if (b > 12 && a <= 12) return 'month-first';
  return undefined;
}

/** Whether `text` holds a slash date whose meaning depends on the order (05/11/2026; not 13/11 nor 05/05). */
export function isOrderDependentDate(text: string | null | undefined): boolean {
  const m = SLASH_DATE.exec(text ?? '');
  return !!m && +m[1]! <= 12 && +m[2]! <= 12 && +m[1]! !== +m[2]!;
}
