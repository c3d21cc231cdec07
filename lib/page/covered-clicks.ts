/**
 * Clickjacking: a page that frames Dealside (the CRM page around the sidebar, the recording
 * page around the call panel) can draw its own elements over the frame, or make the frame
 * see-through, so that a person clicks Dealside's "Missed" or a score while seeing something
 * else. Chromium's IntersectionObserver v2 (`trackVisibility`) tells the frame whether it is
 * shown as drawn: nothing over it, no opacity, filter or odd transform on it or its
 * ancestors. While the browser says it is not, a press or click of the pointer inside the
 * frame is refused, and the person told why (components/CoveredClickGuard.tsx).
 *
 * Keyboard activation (a click with `detail` 0) is not refused: it needs focus the person
 * gave. Nor is a press before the browser's first answer since the pointer came into the
 * frame (the guard watches only while it is there; the answer comes within one of the page's
 * frames, before a person who has just moved in presses), nor anything in a browser without
 * v2 (Firefox): there the frame token and framing checks are the defence, as before.
 */

/** What the frame knows of being shown as drawn: undefined until the browser has said. */
export type ShownAsDrawn = boolean | undefined;

export interface PointerFacts {
  /** the browser's own event, not a script's */
  isTrusted: boolean;
  /** the click count: 0 for a click made by the keyboard */
  detail: number;
}

export function refusesPointer(event: PointerFacts, shown: ShownAsDrawn): boolean {
  return event.isTrusted && event.detail > 0 && shown === false;
}

export const COVERED_CLICK_REFUSED =
  'Dealside ignored that click: something on this page is drawn over Dealside or makes it see-through, so what you clicked may not be what you saw. Click again once nothing covers it, or use the keyboard. (If the page keeps something over Dealside for good, Options can turn this check off.)';
