/** An address as a URL, or null for none or one that does not parse (addresses in messages are a page's words). */
export function urlOf(address: string | undefined): URL | null {
  try {
    return new URL(address ?? '');
  } catch {
    return null;
  }
}
