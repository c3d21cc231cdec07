/**
 * A fact the runtime's Intl data gives about a locale (its month names, its decimal mark, its
 * scale words), worked out once per key: building Intl formats costs far more than using one,
 * and a site's pages repeat their locale. Bounded, since the keys come from pages: past 32 it
 * starts again.
 */
export function perLocale<T>(compute: (key: string) => T): (key: string) => T {
  const known = new Map<string, T>();
  return (key) => {
    if (known.has(key)) return known.get(key)!;
    const value = compute(key);
    if (known.size >= 32) known.clear();
    known.set(key, value);
    return value;
  };
}
