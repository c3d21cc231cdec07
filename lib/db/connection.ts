/**
 * The background's one database connection, opened at the first request that needs it and
 * shared by the rest. Opened again by the next request when opening failed (an upgrade rolled
 * back, say) or when the connection was closed under it (`onGone`: another version's open, or
 * the browser closing it abnormally), rather than answering every later request with an error
 * from the closed one until the worker restarts (Firefox's background page: the browser).
 */
export function sharedConnection<T>(open: (onGone: () => void) => Promise<T>): () => Promise<T> {
  let current: Promise<T> | null = null;
  return () => {
    if (current) return current;
    const opening: Promise<T> = open(() => {
      if (current === opening) current = null;
    }).catch((e: unknown) => {
      if (current === opening) current = null;
      throw e;
    });
    current = opening;
    return opening;
  };
}
