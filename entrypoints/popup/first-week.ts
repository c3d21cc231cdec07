// What the popup's early script (entrypoints/popup-early.ts) left for the first
// load of this week: the card the background kept, if current, and the fresh
// answer it asked for. Each is taken once; later loads ask the usual way.
import { browser } from 'wxt/browser';
import { answerOf } from '../../lib/messages/client';
import { EARLY_KEPT_GLOBAL, EARLY_WEEK_GLOBAL } from '../../lib/messages/early-week';
import type { ScorecardWeek } from '../../lib/messages/protocol';
import { GENERATION_KEY } from '../../lib/scorecard/week-cache';

const early = globalThis as Record<string, unknown>;
/**
 * This week's card as the background kept it, when it is current (no write
 * since; lib/scorecard/week-cache.ts): popup-early.js read it, and it is drawn
 * while the fresh answer comes.
 */
let kept: Promise<ScorecardWeek | null> | null = early[EARLY_KEPT_GLOBAL] instanceof Promise ? (early[EARLY_KEPT_GLOBAL] as Promise<ScorecardWeek | null>).catch(() => null) : null;
/**
 * This week's fresh answer, asked for by popup-early.js before this code even
 * loaded, so the background reads and rolls up the week while the popup
 * starts (null: not asked yet, because a current kept card is drawn first;
 * missing: no early script). The first load takes it.
 */
const pendingEarly = early[EARLY_WEEK_GLOBAL];
let freshEarly: Promise<ScorecardWeek | null> | null =
  pendingEarly instanceof Promise
    ? pendingEarly.then(
        (answer) => (answer === null ? null : answerOf<'scorecard/week'>(Promise.resolve(answer))),
        (e) => answerOf<'scorecard/week'>(Promise.reject(e)),
      )
    : null;
freshEarly?.catch(() => {}); // reported by the load that takes it
function take<T>(p: Promise<T> | null): Promise<T | null> {
  return p ?? Promise.resolve(null);
}
export function takeKept(): Promise<ScorecardWeek | null> {
  const p = take(kept);
  kept = null;
  return p;
}
export function takeFreshEarly(): Promise<ScorecardWeek | null> {
  const p = take(freshEarly);
  freshEarly = null;
  return p;
}
/** After the browser painted what was just rendered (or 100 ms, if frames are not running). */
export const afterPaint = () =>
  new Promise<void>((resolve) => {
    requestAnimationFrame(() => setTimeout(resolve, 0));
    setTimeout(resolve, 100);
  });
/**
 * Was anything written since this week's answer was computed? Its generation
 * (lib/handlers/week-cache.ts) is then no longer the current one. Asked once the
 * popup listens for changes: the answer may have been asked for before, and a
 * write committed in between reached no port of the popup's. Read where
 * popup-early.js reads the kept card's. Not known (no generation, no session
 * storage, a failed read): no.
 */
export async function writtenSince(answer: ScorecardWeek): Promise<boolean> {
  if (!answer.generation || !browser.storage.session) return false;
  try {
    return (await browser.storage.session.get(GENERATION_KEY))[GENERATION_KEY] !== answer.generation;
  } catch {
    return false;
  }
}
