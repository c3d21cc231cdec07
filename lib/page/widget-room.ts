/**
 * Room for a widget the page keeps over one of Dealside's framed panels (a chat or help button
 * fixed in a corner, with the highest z-index), on the page's side: the sidebar's dock
 * (entrypoints/crm-reader/frame-host.ts) and the call panel (entrypoints/calls/frame-host.ts).
 * The panel finds itself drawn over (its covered-click guard then refuses every click,
 * components/CoveredClickGuard.tsx) and asks, on a port handed to it here (`handRoomLine`; the
 * panel's side is lib/page/dock-room.ts); the page's side then ends the panel short of what the
 * page fixes in the window's top and bottom quarters across the panel's width (`roomFor`), so
 * the widget sits beside it, both usable. Content-script code: it ships in the CRM script's
 * 25 KB budget, written small.
 */

/**
 * The box of what the page fixes at (x, y), if it is bar- or widget-sized (shorter than a
 * quarter of the window: not a fixed frame around the whole app). Elements the pointer passes
 * through (`pointer-events: none`, as a clickjacking decoy's) are not hit, so no room is ever
 * made for one.
 */
export function fixedBoxAt(x: number, y: number): DOMRect | undefined {
  for (const el of document.elementsFromPoint(x, y)) {
    // up to <html>: a body the page fixes (to stop scrolling under a dialog) is window-sized, so it ends the walk as before
    for (let e: Element | null = el; e; e = e.parentElement) {
      if (getComputedStyle(e).position != 'fixed') continue;
      const box = e.getBoundingClientRect();
      if (box.height < innerHeight / 4) return box;
      break;
    }
  }
}

/**
 * The room (px from the window's top, px from its bottom) what the page fixes in the window's
 * top and bottom quarters across `across` (the panel's horizontal extent) needs: hit tests every
 * 40 px, so a widget 40 px or more across is found (5 ms on the demo deal page with the sidebar
 * on it, 20 on one of 6,000 elements). The whole quarters, not the panel's own box, so the
 * answer does not depend on where the panel is. Each end is held to a quarter of the window: a
 * page cannot squeeze a panel away.
 */
export function roomFor(across: { left: number; right: number }): number[] {
  const h = innerHeight;
  const room = [0, 0];
  for (let x = across.left; x < across.right; x += 40) {
    for (let y = 2; y < h; y += 40) {
      const box = (y < h / 4 || y > (h * 3) / 4) && fixedBoxAt(x, y);
      if (!box) continue;
      // found in the bottom quarter (a box found there, shorter than a quarter, starts below the
      // middle; one found in the top quarter starts above it): the panel ends above it; else it
      // starts below it
      const low = +(box.top > h / 2);
      room[low] = Math.min(h / 4, Math.max(room[low]!, low ? h - box.top : box.bottom));
    }
  }
  return room;
}

/**
 * Hands each document `frame` loads a port whose messages call `ask`: the panel's line for
 * asking room (an empty message; the sidebar also sends its Theme setting on it). Not a message to the page's window, which would hand the page's scripts the
 * frame's window and its origin (a frame in a closed shadow root is otherwise out of their
 * reach). To any origin: one sent to `getURL`'s origin never arrived in Chromium 156 (tried;
 * `use_dynamic_url` serves the frame from the session's random address); the page has no hold
 * on the frame to take it elsewhere.
 */
// (one expression, so the minifier can write it in place in the content script: 25 KB budget)
export const handRoomLine = (frame: HTMLIFrameElement, ask: (e: MessageEvent) => void): void =>
  void (frame.onload = () => {
    const line = new MessageChannel();
    line.port1.onmessage = ask;
    frame.contentWindow!.postMessage('', '*', [line.port2]);
  });
