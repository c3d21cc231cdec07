/**
 * Is the call-review frame where Dealside put it? call-review.html is
 * web-accessible on every page (so "Review this call" works anywhere), so any
 * page could frame it — a widget inside Gong, or the next site opened in the
 * same tab while the background still holds the tab's call — to place it
 * invisibly and steer clicks onto a score or "Complete review". The calls
 * content script frames it only in the tab's top page, the page whose call
 * the background keeps for the tab: anything else shows an explanation and no
 * data. The same rule as the deal sidebar's (lib/page/sidebar-framing.ts).
 */
import { framingProblem, type FramingFacts } from '../page/sidebar-framing';

export type { FramingFacts };

export const PANEL_REFUSED =
  'Dealside shows a call review only beside the recording it belongs to. Open the recording in its own tab and review it there.';

/** null when the panel may show the review of `callUrl` (the tab's call; undefined: not known yet); else why not. */
export function panelFramingProblem(facts: FramingFacts, callUrl: string | undefined): string | null {
  return framingProblem(facts, callUrl, PANEL_REFUSED);
}
