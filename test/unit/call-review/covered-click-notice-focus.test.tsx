/**
 * The "clicks refused" notice (components/CoveredClickGuard.tsx) takes itself away: by its
 * Dismiss, after 10 seconds, or with the next click taken. When the keyboard was in it (on its
 * Dismiss), the keyboard goes to the landmark the guard is in (the sidebar's `aside`), or, where
 * the guard sits beside the panel (the call-review frame: entrypoints/call-review/main.tsx), to the
 * panel's landmark: never dropped to the frame's body. When the keyboard was elsewhere, it stays.
 * Rendered with react-dom/client into linkedom; the browser's "drawn over" answer stubbed.
 */
import { vi } from 'vitest';
import { createElement, Fragment } from 'react';
import { button, panelDocument } from './panel';
import { COVERED_CLICK_REFUSED } from '../../../lib/page/covered-clicks';

const { window, document } = panelDocument();
Object.assign(document, { hasFocus: () => true });

vi.mock('../../../entrypoints/call-review/useCallReview', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../../entrypoints/call-review/useCallReview')>()),
  useCallReview: (await import('./panel')).fakeCallReview,
}));
vi.mock('../../../entrypoints/call-review/useMediaPosition', async () => (await import('./panel')).NO_MEDIA);
vi.mock('../../../lib/page/dock-room', async () => (await import('./panel')).NO_DOCK);
vi.mock('../../../lib/messages/client', async (importOriginal) => (await import('./panel')).quietClient(await importOriginal<object>()));

// The browser says (IntersectionObserver v2) the frame is drawn over, as soon as it is watched.
class Entry {
  get isVisible() {
    return false;
  }
}
class Observer {
  constructor(private readonly report: (entries: Entry[]) => void) {}
  observe() {
    this.report([new Entry()]);
  }
  unobserve() {}
  disconnect() {}
}
Object.assign(globalThis, { IntersectionObserverEntry: Entry, IntersectionObserver: Observer });

const { act } = await import('react');
const { createRoot } = await import('react-dom/client');
const { CoveredClickGuard } = await import('../../../components/CoveredClickGuard');
const { App } = await import('../../../entrypoints/call-review/App');

/** A person's click, with the mouse (detail 1), on `target`: refused, the frame being drawn over. */
async function refusedClick(target: Element) {
  await act(async () => {
    window.dispatchEvent(new window.Event('pointerover'));
    const click = new window.Event('click', { bubbles: true, cancelable: true });
    Object.defineProperty(click, 'isTrusted', { value: true });
    Object.defineProperty(click, 'detail', { value: 1 });
    target.dispatchEvent(click);
  });
}
const notice = () => [...document.querySelectorAll('[role="alert"]')].find((a) => a.textContent!.includes(COVERED_CLICK_REFUSED));

let root: ReturnType<typeof createRoot>;
const render = async (...children: ReturnType<typeof createElement>[]) => {
  document.body.innerHTML = '<div id="root"></div>';
  root = createRoot(document.getElementById('root')! as unknown as Element);
  await act(async () => root.render(createElement(Fragment, null, ...children)));
};
afterEach(async () => {
  vi.useRealTimers();
  await act(async () => root.unmount());
});

describe('in the sidebar (the guard inside its landmark)', () => {
  const sidebar = () =>
    render(
      createElement(
        'aside',
        { 'aria-label': 'Dealside', tabIndex: -1 },
        createElement(CoveredClickGuard, { enabled: true }),
        createElement('button', { type: 'button' }, 'Missed'),
      ),
    );
  const aside = () => document.querySelector('aside')!;

  it('Dismiss, the keyboard on it: the keyboard goes to the sidebar’s landmark', async () => {
    await sidebar();
    await refusedClick(button('Missed'));
    expect(notice()).toBeDefined();
    const dismiss = button('Dismiss');
    dismiss.focus();
    await act(async () => dismiss.click());
    expect(notice()).toBeUndefined();
    expect(document.activeElement).not.toBe(document.body);
    expect(document.activeElement).toBe(aside());
  });

  it('gone after 10 seconds, the keyboard on its Dismiss: the keyboard goes to the sidebar’s landmark', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    await sidebar();
    await refusedClick(button('Missed'));
    expect(notice()).toBeDefined();
    button('Dismiss').focus();
    await act(async () => vi.advanceTimersByTime(10_000));
    expect(notice()).toBeUndefined();
    expect(document.activeElement).toBe(aside());
  });

  it('gone after 10 seconds, the keyboard elsewhere: it stays there', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    await sidebar();
    await refusedClick(button('Missed'));
    expect(notice()).toBeDefined();
    const missed = button('Missed');
    missed.focus();
    await act(async () => vi.advanceTimersByTime(10_000));
    expect(notice()).toBeUndefined();
    expect(document.activeElement).toBe(missed);
  });

  it('gone after 10 seconds, the keyboard nowhere: nothing is focused for it', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    await sidebar();
    await refusedClick(button('Missed'));
    expect(notice()).toBeDefined();
    await act(async () => vi.advanceTimersByTime(10_000));
    expect(notice()).toBeUndefined();
    expect(document.activeElement).toBe(document.body);
  });
});

describe('in the call-review frame (the guard beside the panel)', () => {
  it('Dismiss, the keyboard on it: the keyboard goes to the panel’s landmark', async () => {
    await render(createElement(CoveredClickGuard, {}), createElement(App));
    await refusedClick(document.querySelector('section h1')!);
    expect(notice()).toBeDefined();
    const dismiss = button('Dismiss');
    dismiss.focus();
    await act(async () => dismiss.click());
    expect(notice()).toBeUndefined();
    expect(document.activeElement).not.toBe(document.body);
    expect(document.activeElement).toBe(document.querySelector('section[aria-label="Call review"]'));
  });
});
