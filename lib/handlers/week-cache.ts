/**
 * The background's side of the kept weekly card (why, and the rules: see
 * lib/scorecard/week-cache.ts): every request that may write stamps a new
 * database generation before and after it runs (and the background stamps
 * again before telling pages of a change), and this week's card is kept
 * with the generation read before the database was. Session storage: memory
 * only, cleared with the browser session and on an extension update, and not
 * reachable from content scripts (its default access level).
 */
import { browser } from 'wxt/browser';
import type { RequestOf, RequestType, ResponseMap } from '../messages/protocol';
import { userTimeZone } from '../dates';
import { GENERATION_KEY, WEEK_CACHE_KEY, keptWeek } from '../scorecard/week-cache';

/**
 * Requests that write nothing to the database. Every other type, including
 * any added later, stamps a new generation: forgetting one here costs a kept
 * card, never shows a stale one.
 */
export const READ_ONLY_REQUESTS: ReadonlySet<RequestType> = new Set<RequestType>([
  'page/sidebarPrefs',
  'sidebar/current',
  'sidebar/open',
  'deal/view',
  'draft/get',
  'settings/get',
  'reps/list',
  'calls/current',
  'calls/mediaTime',
  'calls/seek',
  'callReview/get',
  'callReview/forDeal',
  'deals/search',
  'scorecard/week',
  'scorecard/rep',
  'backup/export',
]);

// Firefox before 115 has no session storage: then nothing is kept, and the popup waits as before.
const session = () => browser.storage.session as typeof browser.storage.session | undefined;

/** A new generation: kept cards made before now are no longer current. */
export const stamp = async (): Promise<string> => {
  const generation = crypto.randomUUID();
  await session()?.set({ [GENERATION_KEY]: generation });
  return generation;
};

/** The router, with writes stamping a new generation before and after they run; `written` is told after each. */
export function stampingWrites<S, R>(route: (message: unknown, sender: S) => Promise<R>, written: () => void = () => {}) {
  return async (message: unknown, sender: S): Promise<R> => {
    const type = (message as { type?: unknown } | null)?.type;
    if (typeof type === 'string' && READ_ONLY_REQUESTS.has(type as RequestType)) return route(message, sender);
    // Before: a card computed while this write runs is not kept as current. After: nor one
    // that read the database before the write committed.
    await stamp().catch(() => undefined);
    try {
      return await route(message, sender);
    } finally {
      await stamp().catch(() => undefined);
      written();
    }
  };
}

type WeekHandler = (request: RequestOf<'scorecard/week'>) => Promise<ResponseMap['scorecard/week']>;

/**
 * The scorecard handler, keeping this week's answer for the popup's next open. The
 * answer carries the generation too: the popup asks before its change port is
 * open, and a write committed meanwhile reaches no port of its (App.tsx checks).
 */
export function keepingThisWeek(handler: WeekHandler): WeekHandler {
  return async (request) => {
    if (request.weekStart || request.offset) return handler(request);
    const at = new Date();
    const generation = await readGeneration().catch(() => null);
    const week = await handler(request);
    if (!generation) return week;
    void session()?.set({ [WEEK_CACHE_KEY]: keptWeek(generation, at, userTimeZone(), week) }).catch(() => undefined);
    return { ...week, generation };
  };
}

/**
 * Once writes settle, this week's card is made again and kept, so the popup
 * opened next finds it current even if this worker has stopped by then (a
 * rollup in the background, ~30 ms for 50 reps and a year of data). Call the
 * returned function after every write.
 */
export function keepAfterWrites(keeping: WeekHandler, settleMs = 2000): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  return () => {
    clearTimeout(timer);
    timer = setTimeout(() => void keeping({ type: 'scorecard/week', offset: 0 }).catch(() => undefined), settleMs);
  };
}

/** The current generation; the first request of a browser session starts one. */
async function readGeneration(): Promise<string | null> {
  const store = session();
  if (!store) return null;
  const got = (await store.get(GENERATION_KEY))[GENERATION_KEY];
  return typeof got === 'string' ? got : stamp();
}
