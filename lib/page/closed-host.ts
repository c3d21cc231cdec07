/**
 * Puts Dealside's UI on a page inside a CLOSED shadow root: the page's own
 * scripts (and the widgets it hosts) see only an empty `<tag>` element, and
 * can neither read nor restyle what is in it. Any host of the same tag left
 * by an earlier copy of the content script (an extension reload) goes first.
 * Used by the sidebar's and the call panel's hosts.
 */
export function mountClosedHost(tag: string, css: string, content: Element): HTMLElement {
  document.querySelectorAll(tag).forEach((el) => el.remove());
  const host = document.createElement(tag);
  const root = host.attachShadow({ mode: 'closed' });
  const style = document.createElement('style');
  style.textContent = css;
  root.append(style, content);
  // On <html>, beside the body rather than in it: a CRM that swaps its whole body on
  // navigation (Turbo, pjax) or re-renders into it from scratch takes no Dealside with it.
  document.documentElement.append(host);
  return host;
}
