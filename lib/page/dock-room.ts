/**
 * A framed panel's line to its host on the page (the sidebar's dock, the call panel's wrapper:
 * lib/page/widget-room.ts): something of the page drawn over the panel (a chat or help button
 * kept in a corner) is made room for. The line is a port the content script hands each
 * document of the frame as it loads; never a message to the page's window, which would give
 * the page's scripts the frame's window.
 *
 * Each ask makes the host search again, so room for a widget that has gone goes with it. Once
 * room was asked on this page, it is asked again when the panel's subject changes (a
 * single-page move to another deal or call) and when the frame's size settles after a change
 * (the window's height changed the quarter the room is held to).
 */
let line: MessagePort | undefined;
/** asked before the line arrived: sent when it does */
let pending = false;
let asked = false;

addEventListener('message', (e) => {
  // the page's own scripts have no hold on this frame (it sits in a closed shadow root): only the content script posts here
  if (e.source !== parent || !e.ports[0]) return;
  line = e.ports[0];
  if (pending) askDockForRoom();
});

export function askDockForRoom(): void {
  asked = true;
  pending = !line;
  line?.postMessage('');
}

/** Again, if room was asked on this page before (nothing otherwise: most pages have no widget to search for). */
export function askDockAgain(): void {
  if (asked) askDockForRoom();
}

let settling: ReturnType<typeof setTimeout> | undefined;
addEventListener('resize', () => {
  clearTimeout(settling);
  settling = setTimeout(askDockAgain, 300);
});
