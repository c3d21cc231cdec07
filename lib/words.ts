/** Small word helpers the UI's sentences share. Pure. */

/** The first letter upper-case: a word opening a sentence ("the CRM shows…" → "The CRM shows…"; "missed" → "Missed"). */
export const capitalise = (s: string): string => (s ? s[0]!.toUpperCase() + s.slice(1) : s);

/** A name with case and spacing set aside: two names are one person's when these are equal (`sameName`). */
export const nameKey = (s: string): string => s.trim().replace(/\s+/g, ' ').toLowerCase();

/** One person's name however written: case and spacing aside ("Lead,  Morgan" and "lead, morgan"). */
export const sameName = (a: string, b: string): boolean => nameKey(a) === nameKey(b);
