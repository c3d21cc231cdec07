/** Small word helpers the UI's sentences share. Pure. */

/** The first letter upper-case: a word opening a sentence ("the CRM shows…" → "The CRM shows…"; "missed" → "Missed"). */
export const capitalise = (s: string): string => (s ? s[0]!.toUpperCase() + s.slice(1) : s);

/** One person's name however written: case and spacing aside ("Lead,  Morgan" and "lead, morgan"). */
export const sameName = (a: string, b: string): boolean => {
  const norm = (s: string) => s.trim().replace(/\s+/g, ' ').toLowerCase();
  return norm(a) === norm(b);
};
