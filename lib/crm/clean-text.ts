// Shared by the content script's reader (lib/crm/dom.ts) and the background's value parsing.

/** Collapse every kind of space (NBSP, narrow NBSP, thin space) CRMs use in formatted values. */
export function cleanText(s: string | null | undefined): string {
  return (s ?? '').replace(/[\s\u00a0\u2007\u202f\u2009]+/g, ' ').trim();
}
