/**
 * The call-review panel (entrypoints/call-review/App.tsx) rendered with react-dom/client into
 * linkedom, with the popup's document and focus (test/unit/popup/dom.ts). The review's own state
 * (useCallReview: loading, saving, switching calls) is not what these tests are about: a test file
 * mocks it with `fakeCallReview`, a call shown and ready, whose parts the test sets through `review`.
 */
import { useState } from 'react';
import type { CallPage } from '../../../lib/messages/protocol';
import type { PinnedNote } from '../../../lib/model';
import type { LinkedDeal, useCallReview } from '../../../entrypoints/call-review/useCallReview';
import { popupDocument } from '../popup/dom';

export { button, nameOf } from '../popup/dom';

/**
 * The popup's document, where React hears typing as in a browser: by the `input` event, which it
 * listens for only where the document says it has one ("oninput" in document; linkedom does not
 * say so), in any text box, whose type is "text" when none is written (linkedom says null).
 * Made before react-dom loads.
 */
export function panelDocument() {
  const made = popupDocument();
  if (!('oninput' in made.document)) Object.defineProperty(made.document, 'oninput', { configurable: true, writable: true, value: null });
  const proto = made.window.HTMLInputElement.prototype as HTMLInputElement;
  const own = Object.getOwnPropertyDescriptor(proto, 'type');
  Object.defineProperty(proto, 'type', {
    configurable: true,
    get(this: HTMLInputElement) {
      return this.getAttribute('type') ?? 'text';
    },
    set(this: HTMLInputElement, value: string) {
      if (own?.set) own.set.call(this, value);
      else this.setAttribute('type', value);
    },
  });
  return made;
}

export const CALL: CallPage = {
  callKey: 'gong:123',
  provider: 'gong',
  callId: '123',
  title: 'Acme Corp — Discovery call',
  url: 'https://app.gong.io/call?id=123',
} as CallPage;

type Unsaved = { title: string; typed: string[]; error: string } | null;

/** A text box typed into: the value set past React's tracker (on the element's class), then the browser's `input` event. */
export function type(input: HTMLInputElement, value: string) {
  let proto = Object.getPrototypeOf(input) as object | null;
  while (proto && !Object.getOwnPropertyDescriptor(proto, 'value')?.set) proto = Object.getPrototypeOf(proto) as object | null;
  const set = proto && Object.getOwnPropertyDescriptor(proto, 'value')!.set;
  if (set) set.call(input, value);
  else input.value = value;
  input.dispatchEvent(new (input.ownerDocument.defaultView as unknown as typeof globalThis).Event('input', { bubbles: true }));
}

/** What the test sets before mounting, and reads back. */
export const review = {
  unsaved: null as Unsaved,
  pins: [] as PinnedNote[],
  dismissed: 0,
};

/** Stands in for useCallReview: a ready call, with the parts App reads. */
export function fakeCallReview(): ReturnType<typeof useCallReview> {
  const [unsaved, setUnsaved] = useState<Unsaved>(review.unsaved);
  const [status, setStatus] = useState('');
  const [pins, setPins] = useState<PinnedNote[]>(review.pins);
  const [deal, setDeal] = useState<LinkedDeal | null>(null);
  const [repText, setRepText] = useState('');
  const fake = {
    phase: { kind: 'ready', tabId: 7, call: CALL },
    review: null,
    scores: {},
    overallNote: '',
    pins,
    repText,
    reps: [],
    deal,
    status,
    setStatus,
    saveState: 'idle',
    saveError: '',
    unsaved,
    dismissUnsaved: () => {
      review.dismissed++;
      setUnsaved(null);
    },
    timerMs: 0,
    switchCount: 0,
    setScore: () => {},
    editOverallNote: () => {},
    editRepText: setRepText,
    editDeal: setDeal,
    addPin: (note: PinnedNote) => setPins((ps) => [...ps, note]),
    removePin: (id: string) => setPins((ps) => ps.filter((p) => p.id !== id)),
    load: async () => {},
    save: async () => {},
  };
  return fake as unknown as ReturnType<typeof useCallReview>;
}

/** The panel's App rendered into the document (the test file mocks useCallReview with fakeCallReview). */
export async function mountPanel(document: Document) {
  const { createElement, act } = await import('react');
  const { createRoot } = await import('react-dom/client');
  const { App } = await import('../../../entrypoints/call-review/App');
  document.body.innerHTML = '<div id="root"></div>';
  const root = createRoot(document.getElementById('root')!);
  await act(async () => root.render(createElement(App)));
  return { act, root, unmount: () => act(async () => root.unmount()) };
}

/**
 * What each panel test mocks besides the review: no media on the page, no dock to ask room of,
 * and a background that answers nothing (or as `send` says) and tells no change. For vi.mock
 * factories, which run when the module is first imported:
 * `vi.mock(path, async () => (await import('./panel')).NO_MEDIA)`.
 */
export const NO_MEDIA = { useMediaPosition: () => ({ media: null, setMedia: () => {}, seek: async () => {} }) };
export const NO_DOCK = { askDockAgain: () => {}, askDockForRoom: () => {} };
export const quietClient = <T extends object>(real: T, send: (r: { type: string }) => Promise<unknown> = () => new Promise(() => {})) => ({
  ...real,
  send,
  onChange: () => () => {},
  onExtensionGone: () => () => {},
});
