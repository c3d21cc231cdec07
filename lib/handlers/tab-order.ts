/**
 * Work run one at a time per key, in the order it came: one tab's page
 * messages (below), one call's review saves (lib/handlers/call-reviews.ts).
 * In memory: a stopped worker has no handler running, so there is nothing to order.
 */

/**
 * Work on one key (a tab, a call) run one at a time, in the order asked; work on
 * different keys runs as before. A failed run answers its own caller; the next
 * one still runs.
 */
export function createKeyedOrder<K>() {
  const tails = new Map<K, Promise<unknown>>();
  return function inOrder<T>(key: K, run: () => Promise<T>): Promise<T> {
    const before = tails.get(key) ?? Promise.resolve();
    const result = before.then(run, run);
    const tail = result.catch(() => undefined);
    tails.set(key, tail);
    void tail.then(() => {
      if (tails.get(key) === tail) tails.delete(key);
    });
    return result;
  };
}

/**
 * The background's router with a CRM page's own messages (`page/…`, sent by the
 * tab's content script) handled in its tab's order. The reader reports what it
 * read without waiting for the answer, and the background handles messages
 * concurrently: a snapshot of a new deal (stored, then its next step) takes longer
 * than a later "no deal" or an unchanged re-read, so the older one could finish
 * last and leave the tab on the deal the user just left — and the sidebar's writes
 * on that deal. Messages from one frame arrive in the order sent, so handling each
 * tab's in arrival order keeps the last word the page's. Outermost, before anything
 * that awaits (the generation stamp does, for writes only), so a read such as
 * `page/sidebarPrefs` cannot overtake a snapshot sent before it.
 */
export function pageMessagesInOrder<S extends { tab?: { id?: number } }, R>(route: (message: unknown, sender: S) => Promise<R>) {
  const inTabOrder = createKeyedOrder<number>();
  return (message: unknown, sender: S): Promise<R> => {
    const tabId = sender.tab?.id;
    const type = (message as { type?: unknown } | null)?.type;
    if (tabId === undefined || typeof type !== 'string' || !type.startsWith('page/')) return route(message, sender);
    return inTabOrder(tabId, () => route(message, sender));
  };
}
