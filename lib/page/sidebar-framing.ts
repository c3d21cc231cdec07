/**
 * Is the sidebar frame where Dealside put it? The sidebar page is
 * web-accessible on every https site (sites a user adds cannot be listed in
 * the manifest), so any page could frame it — a widget inside a CRM page
 * included, to overlay it and steer clicks. Dealside's content script frames
 * it only in the tab's top page, and that page is the one whose deal the
 * background keeps for the tab: anything else shows nothing. This check is the
 * frame's own; the background's is the frame token (lib/handlers/frame-tokens.ts),
 * which also holds where this one cannot see (Firefox has no ancestorOrigins).
 * Pure: the window's facts are passed in by the sidebar (entrypoints/sidebar/hooks/useDeal.ts).
 * The call-review panel (call-review.html, web-accessible everywhere) applies
 * the same check against its call's page, with its own words
 * (lib/calls/panel-framing.ts).
 */
export interface FramingFacts {
  /** window.parent === window.top, and the frame is not itself the top */
  parentIsTop: boolean;
  /** location.ancestorOrigins as a list (Chromium); undefined where the browser lacks it (Firefox) */
  ancestorOrigins: readonly string[] | undefined;
}

export const SIDEBAR_REFUSED = 'Dealside shows a deal only beside the CRM page it read. Open the deal in its own tab.';

/**
 * null when the frame may show the tab's deal (`dealUrl`: the page it was read
 * from); else why not, in words for the person (`refused`).
 */
export function framingProblem(facts: FramingFacts, dealUrl: string | undefined, refused = SIDEBAR_REFUSED): string | null {
  if (!facts.parentIsTop) return refused;
  // An origin hidden ("null"): the framing page asked for it to be (`<iframe referrerpolicy="no-referrer">`);
  // Dealside's own frames state theirs ("origin"), so this one is not Dealside's.
  if (facts.ancestorOrigins?.includes('null')) return refused;
  // Unknown where the browser does not tell (Firefox): the parent check, and the background's frame token, stand.
  if (!facts.ancestorOrigins || dealUrl === undefined) return null;
  let dealOrigin: string;
  try {
    dealOrigin = new URL(dealUrl).origin;
  } catch {
    return refused;
  }
  return facts.ancestorOrigins.length === 1 && facts.ancestorOrigins[0] === dealOrigin ? null : refused;
}
