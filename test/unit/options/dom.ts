/**
 * Options pieces rendered with react-dom/client into linkedom (the popup's document and focus,
 * test/unit/popup/dom.ts), and a user's change to a select, a checkbox or a text box as React
 * hears it: the value set past React's tracker, then the event the browser fires.
 */
import { popupDocument } from '../popup/dom';
import type { Settings } from '../../../lib/model';
import { DEFAULT_SETTINGS } from '../../../lib/model';

export { button, nameOf } from '../popup/dom';

export function optionsDocument() {
  const made = popupDocument();
  // Options asks the browser to keep its data (navigator.storage.persist): not here
  Object.defineProperty(made.window.navigator ?? {}, 'storage', { configurable: true, value: undefined });
  // React hears typing by the `input` event only where the document says it has one ("oninput" in
  // document, as browsers do; linkedom does not), else by IE's propertychange: say so before react-dom loads.
  if (!('oninput' in made.document)) Object.defineProperty(made.document, 'oninput', { configurable: true, writable: true, value: null });
  return made;
}

export const settingsWith = (over: Partial<Settings> = {}): Settings => ({
  ...DEFAULT_SETTINGS,
  user: { name: 'Morgan Lead', role: 'manager' },
  ...over,
});

/** A select set to `value` by the user. */
export function choose(select: HTMLSelectElement, value: string) {
  for (const o of select.querySelectorAll('option')) {
    if (o.value === value) o.setAttribute('selected', '');
    else o.removeAttribute('selected');
  }
  if (select.value !== value) throw new Error(`no option ${value} in #${select.id}`);
  select.dispatchEvent(new (select.ownerDocument.defaultView as unknown as typeof globalThis).Event('change', { bubbles: true }));
}

/** A text box typed into. */
export function type(input: HTMLInputElement, value: string) {
  setValue(input, value);
  input.dispatchEvent(new (input.ownerDocument.defaultView as unknown as typeof globalThis).Event('input', { bubbles: true }));
}

/** The value as the element's own class sets it (React's value tracker watches the instance). */
function setValue(el: HTMLElement, value: string) {
  let proto = Object.getPrototypeOf(el) as object | null;
  while (proto && !Object.getOwnPropertyDescriptor(proto, 'value')?.set) proto = Object.getPrototypeOf(proto) as object | null;
  const set = proto && Object.getOwnPropertyDescriptor(proto, 'value')!.set;
  if (set) set.call(el, value);
  else (el as unknown as { value: string }).value = value;
}

/** The element an id names (ids here may hold dots and slashes: no selector). */
export const byId = (id: string) => document.getElementById(id);

/** The elements an aria-describedby names, and their words. */
export function describedBy(el: Element): string[] {
  return (el.getAttribute('aria-describedby') ?? '')
    .split(/\s+/)
    .filter(Boolean)
    .map((id) => byId(id)?.textContent ?? `(no element #${id})`);
}
