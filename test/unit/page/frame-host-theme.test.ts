import { parseHTML } from 'linkedom';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createFrameHost } from '../../../entrypoints/crm-reader/frame-host';

/** The sidebar host in a linkedom page, its closed shadow root kept in hand. */
function page() {
  const { window, document } = parseHTML('<!doctype html><html><body></body></html>');
  let root: ShadowRoot | null = null;
  const attach = window.HTMLElement.prototype.attachShadow;
  window.HTMLElement.prototype.attachShadow = function (this: HTMLElement, init: ShadowRootInit) {
    root = attach.call(this, init);
    return root;
  };
  (globalThis as { document?: Document }).document = document as unknown as Document;
  return { part: (selector: string) => root!.querySelector(selector) as unknown as HTMLElement };
}

const settle = () => new Promise((r) => setTimeout(r, 0));

describe('frame host: the dock bar takes the Theme setting', () => {
  beforeEach(() => fakeBrowser.reset());
  afterEach(() => {
    delete (globalThis as { document?: Document }).document;
  });

  it('takes the Theme setting given with the saved layout (no storage read of its own on the CRM page)', async () => {
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

  it('no theme given: the system scheme (no data-theme); the CSS keys light and dark on data-theme', async () => {
    const p = page();
    const host = createFrameHost(() => undefined);
    await settle();
    const dock = p.part('.dock');
    expect(dock.dataset.theme).toBeUndefined();
    const css = (dock.parentNode as ShadowRoot).querySelector('style')!.textContent!;
    expect(css).toContain('@media (prefers-color-scheme:dark){.dock:not([data-theme=light]){');
    expect(css).toMatch(/\.dock\[data-theme=dark\]\{color-scheme:dark;--bar-bg:#1f2430/);
    expect(css).toContain('.dock[data-theme=light]{color-scheme:light}');
    host.destroy();
  });
});
