/**
 * Runs `start` once the page is shown. Chromium can render a page ahead, unseen, in the tab the
 * user is looking at (a prerender: an address typed in the address bar, a site's speculation
 * rules), and content scripts run in it. Such a page has its own frame id but the visible page's
 * tab, so anything it reported would be taken for the visible page's (the background refuses
 * its messages: lib/messages/senders.ts). It starts when the browser shows it, as a loaded page.
 */
export function whenShown(start: () => void): void {
  if ((document as { prerendering?: boolean }).prerendering) document.addEventListener('prerenderingchange', start);
  else start();
}
