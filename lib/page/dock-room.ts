/**
 * A framed panel's line to its host on the page (the sidebar's dock, the call panel's wrapper:
 * lib/page/widget-room.ts): something of the page drawn over the panel (a chat or help button
 * kept in a corner) is made room for, and (the sidebar's) the Theme setting it shows is told. The line is a port the content script hands each
 * document of the frame as it loads; never a message to the page's window, which would give
 * the page's scripts the frame's window.
 *
 * Each ask makes the host search again, so room for a widget that has gone goes with it. Once
 * room was asked on this page, it is asked again when the panel's subject changes (a
 * single-page move to another deal or call), when the frame's size settles after a change
 * (the window's height changed the quarter the room is held to), and when the pointer leaves
 * the panel for the page (a widget gone on the same page, the window unchanged, gives its gap
 * back, and the panel moves while the pointer is elsewhere, never under one about to click).
 */
let line: MessagePort | undefined;
/** asked before the line arrived: sent when it does */
let pending = false;
let asked = false;
/** the Theme setting the panel shows, told to the host (its bar) once the line is there */
let theme = '';
/**
 * Each ask is a search on the page's main thread (5 ms on the demo deal page, 20 on one of
 * 6,000 elements): a pointer leaving and coming back asks at most this often.
 */
const POINTER_ASK_EVERY_MS = 2000;

addEventListener('message', (e) => {
  // the page's own scripts have no hold on this frame (it sits in a closed shadow root): only the content script posts here
  if (e.source !== parent || !e.ports[0]) return;
  line = e.ports[0];
  if (theme) line.postMessage(theme);
  if (pending) askDockForRoom();
});

/**
 * The panel's Theme setting ('light', 'dark', 'system'), for what its host draws beside it on
 * the page (the sidebar's bar), which took the setting as it stood when the page put the
 * sidebar up: a change made since (Options, while the page stays open) reaches it this way. An
 * ask for room is an empty message on the same line; a theme is never empty.
 */
export function tellDockTheme(next: string): void {
  theme = next;
  line?.postMessage(next);
}

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

// The pointer leaving the panel for the page: a `mouseout` to nothing of this document, which
// the browser gives a frame as a real pointer leaves it (checked under Xvfb with an X pointer;
// Playwright's injected mouse does not, so the e2e test dispatches it), as the covered-click
// guard also knows it.
let lastPointerAsk = -Infinity;
addEventListener(
  'mouseout',
  (e) => {
    if (e.relatedTarget || !asked || performance.now() - lastPointerAsk < POINTER_ASK_EVERY_MS) return;
    lastPointerAsk = performance.now();
    askDockForRoom();
  },
  true,
);
