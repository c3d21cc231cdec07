/**
 * The sidebar's line to its dock on the CRM page (`makeRoom` in
 * entrypoints/crm-reader/frame-host.ts): something of the page drawn over the sidebar (a chat or
 * help button kept in a corner) is made room for. The line is a port the content script hands
 * each document of this frame as it loads; never a message to the page's window, which would
 * give the page's scripts this frame's window.
 *
 * Each ask makes the dock search again, so room for a widget that has gone goes with it. Once
 * room was asked on this page, it is asked again when the deal changes (a single-page move to a
 * deal without the widget) and when the frame's size settles after a change (the window's
 * height changed the quarter the room is held to).
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
