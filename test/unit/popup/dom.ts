/**
 * A document for rendering the popup with react-dom/client (linkedom: no layout, no focus), with
 * a browser's focus as far as these tests need it: focus() moves it and tells `focusin`, and a
 * focused element taken out of the document leaves the focus on the body (what the keyboard
 * meets then: Tab starts over from the top of the popup).
 */
import { parseHTML } from 'linkedom';

export function popupDocument() {
  const { window, document } = parseHTML('<!doctype html><html><body><div id="root"></div></body></html>');
  Object.assign(window, { location: { protocol: 'chrome-extension:' } });
  Object.assign(globalThis, { window, document, navigator: window.navigator, HTMLElement: window.HTMLElement, Node: window.Node, IS_REACT_ACT_ENVIRONMENT: true });
  (globalThis as { requestAnimationFrame?: unknown }).requestAnimationFrame = (f: () => void) => setTimeout(f, 0);
  let focused: HTMLElement | null = null;
  window.HTMLElement.prototype.focus = function focus(this: HTMLElement) {
    focused = this;
    this.dispatchEvent(new window.Event('focusin', { bubbles: true }));
  };
  Object.defineProperty(document, 'activeElement', { configurable: true, get: () => (focused?.isConnected ? focused : document.body) });
  return { window, document };
}

/** An element's name as a screen reader reads it from its content: its text without the parts hidden from it. */
export function nameOf(el: Element): string {
  const copy = el.cloneNode(true) as Element;
  copy.querySelectorAll('[aria-hidden="true"]').forEach((h) => h.remove());
  return copy.textContent!.replace(/\s+/g, ' ').trim();
}

/** The button whose name (as read) is `name` exactly. */
export function button(name: string): HTMLButtonElement {
  const found = [...document.querySelectorAll('button')].filter((b) => (b.getAttribute('aria-label') ?? nameOf(b)) === name);
  if (found.length !== 1) throw new Error(`${found.length} buttons named "${name}": ${[...document.querySelectorAll('button')].map((b) => b.getAttribute('aria-label') ?? nameOf(b)).join(' | ')}`);
  return found[0] as HTMLButtonElement;
}

/** The one button whose name (as read) includes `words`. */
export function buttonWith(words: string): HTMLButtonElement {
  const found = [...document.querySelectorAll('button')].filter((b) => (b.getAttribute('aria-label') ?? nameOf(b)).includes(words));
  if (found.length !== 1) throw new Error(`${found.length} buttons named with "${words}"`);
  return found[0] as HTMLButtonElement;
}

/** The popup's App rendered into the document (the background's answers mocked by the test file). */
export async function mountPopup(document: Document) {
  const { createElement, act } = await import('react');
  const { createRoot } = await import('react-dom/client');
  const { App } = await import('../../../entrypoints/popup/App');
  document.body.innerHTML = '<div id="root"></div>';
  const root = createRoot(document.getElementById('root')!);
  await act(async () => root.render(createElement(App)));
  return { act, unmount: () => act(async () => root.unmount()) };
}
