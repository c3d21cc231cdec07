import { parseHTML } from 'linkedom';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createFrameHost, MAX_WIDTH, MIN_WIDTH } from '../../../entrypoints/crm-reader/frame-host';

/**
 * The sidebar host in a linkedom page. linkedom's events lack two things browsers
 * have: the `signal` option of addEventListener (added here), and pointer capture
 * (stubbed: captured until released or lost).
 */
function page() {
  const { window, document } = parseHTML('<!doctype html><html><body></body></html>');
  let proto: object | null = window.HTMLElement.prototype;
  while (proto && !Object.prototype.hasOwnProperty.call(proto, 'addEventListener')) proto = Object.getPrototypeOf(proto);
  const et = proto as EventTarget & { __signalPatched?: boolean };
  if (!et.__signalPatched) {
    const add = et.addEventListener;
    et.addEventListener = function (this: EventTarget, type: string, l: EventListenerOrEventListenerObject | null, o?: boolean | AddEventListenerOptions) {
      const signal = typeof o === 'object' ? o.signal : undefined;
      if (signal?.aborted) return;
      add.call(this, type, l, o);
      signal?.addEventListener('abort', () => this.removeEventListener(type, l), { once: true });
    };
    et.__signalPatched = true;
  }
  const captured = new Set<number>();
  Object.assign(window.HTMLElement.prototype, {
    setPointerCapture: (id: number) => captured.add(id),
    hasPointerCapture: (id: number) => captured.has(id),
    releasePointerCapture: (id: number) => captured.delete(id),
  });
  // the host's shadow root is closed: keep a hand on it
  let root: ShadowRoot | null = null;
  const attach = window.HTMLElement.prototype.attachShadow;
  window.HTMLElement.prototype.attachShadow = function (this: HTMLElement, init: ShadowRootInit) {
    root = attach.call(this, init);
    return root;
  };
  (globalThis as { document?: Document }).document = document as unknown as Document;
  // linkedom lays nothing out: the dock's move clear of fixed bars (when a ResizeObserver sees its
  // size change) is the end-to-end tests' to check (test/e2e/sidebar-layout.spec.ts); here nothing is seen
  (globalThis as { ResizeObserver?: unknown }).ResizeObserver = class {
    observe() {}
    disconnect() {}
  };
  const pointer = (type: string, props: { pointerId?: number; clientX?: number } = {}) => {
    const e = new window.Event(type, { cancelable: true }) as unknown as PointerEvent;
    Object.assign(e, { pointerId: 1, clientX: 0, ...props });
    return e;
  };
  return {
    window,
    document,
    captured,
    pointer,
    part: (selector: string) => root!.querySelector(selector) as unknown as HTMLElement,
  };
}

describe('frame host: resizing', () => {
  let p: ReturnType<typeof page>;
  beforeEach(() => {
    p = page();
  });
  afterEach(() => {
    delete (globalThis as { document?: Document }).document;
  });

  const start = () => {
    const saved: unknown[] = [];
    const host = createFrameHost((prefs) => saved.push(prefs));
    host.show();
    host.applyPrefs({ width: 360, collapsed: false });
    const grip = p.part('.grip');
    const dock = p.part('.dock');
    grip.dispatchEvent(p.pointer('pointerdown', { clientX: 500 }));
    expect(dock.classList.contains('resizing')).toBe(true);
    grip.dispatchEvent(p.pointer('pointermove', { clientX: 400 }));
    expect(p.part('iframe').style.width).toBe('460px');
    return { host, grip, dock, saved };
  };

  it.each(['pointerup', 'pointercancel', 'lostpointercapture'])('a drag ended by %s leaves the sidebar clickable and stops following the pointer', (type) => {
    const { grip, dock, saved } = start();
    grip.dispatchEvent(p.pointer(type, { clientX: 400 }));
    expect(dock.classList.contains('resizing')).toBe(false);
    expect(saved).toEqual([{ width: 460 }]);
    grip.dispatchEvent(p.pointer('pointermove', { clientX: 0 }));
    expect(p.part('iframe').style.width).toBe('460px');
    // the capture lost after the release ends nothing twice
    grip.dispatchEvent(p.pointer('lostpointercapture'));
    expect(saved).toEqual([{ width: 460 }]);
  });

  it('collapsing mid-drag (the shortcut) ends the drag', () => {
    const { host, grip, dock, saved } = start();
    host.toggleCollapsed();
    expect(dock.classList.contains('resizing')).toBe(false);
    expect(p.captured.size).toBe(0);
    grip.dispatchEvent(p.pointer('pointermove', { clientX: 0 }));
    host.toggleCollapsed();
    expect(p.part('iframe').style.width).toBe('460px');
    expect(saved).toEqual([{ width: 460 }, { collapsed: true }, { collapsed: false }]);
  });

  it('the grip takes touch drags itself (touch-action:none), and the width stays in bounds', () => {
    const { grip } = start();
    expect(p.document.querySelector('dealside-sidebar')).toBeTruthy();
    const css = (p.part('.dock').parentNode as ShadowRoot).querySelector('style')!.textContent!;
    expect(css).toMatch(/\.grip\{[^}]*touch-action:none/);
    grip.dispatchEvent(p.pointer('pointermove', { clientX: -10_000 }));
    expect(p.part('iframe').style.width).toBe(`${MAX_WIDTH}px`);
    grip.dispatchEvent(p.pointer('pointermove', { clientX: 10_000 }));
    expect(p.part('iframe').style.width).toBe(`${MIN_WIDTH}px`);
    grip.dispatchEvent(p.pointer('pointerup'));
  });
});

describe('frame host: where the dock lives', () => {
  it('outside the body: a CRM that swaps its body on navigation (Turbo-, pjax-style) keeps the dock', () => {
    const p = page();
    const host = createFrameHost(() => {});
    host.applyPrefs({ width: 360, collapsed: false });
    host.show();
    const doc = p.document;
    const newBody = doc.createElement('body');
    doc.body.replaceWith(newBody);
    expect(doc.querySelectorAll('dealside-sidebar').length).toBe(1);
    expect(doc.querySelector('dealside-sidebar')!.parentNode).toBe(doc.documentElement);
    host.destroy();
    expect(doc.querySelector('dealside-sidebar')).toBeNull();
  });
});

describe('frame host: the dock bar takes the Theme setting', () => {
  afterEach(() => {
    delete (globalThis as { document?: Document }).document;
  });

  it('takes the Theme setting given with the saved layout (no storage read of its own on the CRM page)', () => {
    const p = page();
    const host = createFrameHost(() => undefined);
    const dock = p.part('.dock');
    host.applyPrefs({ width: 400, collapsed: false, theme: 'light' });
    expect(dock.dataset.theme).toBe('light');
    host.applyPrefs({ theme: 'dark' });
    expect(dock.dataset.theme).toBe('dark');
    host.applyPrefs({ theme: 'system' });
    expect(dock.dataset.theme).toBeUndefined();
    host.applyPrefs({ theme: '<b>odd</b>' }); // anything else: the system's scheme
    expect(dock.dataset.theme).toBeUndefined();
    host.destroy();
  });

  it('the bar is not drawn before the saved layout (and its theme) came: it first shows in that theme', () => {
    const p = page();
    const host = createFrameHost(() => undefined);
    const dock = p.part('.dock');
    host.show(); // the record is read before the saved layout's answer
    expect(dock.hidden).toBe(true);
    host.applyPrefs({ width: 400, collapsed: true, theme: 'dark' });
    // in one step: shown, and dark
    expect([dock.hidden, dock.dataset.theme]).toEqual([false, 'dark']);
    host.destroy();
  });

  it('no theme given: the system scheme (no data-theme); the CSS keys light and dark on data-theme', () => {
    const p = page();
    const host = createFrameHost(() => undefined);
    const dock = p.part('.dock');
    expect(dock.dataset.theme).toBeUndefined();
    const css = (dock.parentNode as ShadowRoot).querySelector('style')!.textContent!;
    // the system's scheme by default, each colour light-dark(light, dark) …
    expect(css).toMatch(/\.dock\{[^}]*color-scheme:light dark;[^}]*--bg:light-dark\(#f3f4f6,#1f2430\)/);
    // … and the Theme setting pins the scheme either way
    expect(css).toContain('.dock[data-theme=dark]{color-scheme:dark}');
    expect(css).toContain('.dock[data-theme=light]{color-scheme:light}');
    host.destroy();
  });
});
