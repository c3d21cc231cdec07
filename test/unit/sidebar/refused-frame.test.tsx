/**
 * A sidebar frame that showed a deal, then refused by the background (another page in the tab
 * took the tab's frame token: lib/handlers/frame-tokens.ts). Its deal is no longer the tab's, and
 * nothing it shows is current: the refusal is said, alone, in the frame's landmark, and the deal
 * it had (its header, its sections and their fields) goes, with nothing left to write to.
 * App rendered with react-dom/client into linkedom, the background's answers mocked.
 */
import { vi } from 'vitest';
import { parseHTML } from 'linkedom';
import type { ChangeEvent, DealView, RequestType } from '../../../lib/messages/protocol';
import { DEFAULT_SETTINGS, type Settings } from '../../../lib/model';
import { SIDEBAR_REFUSED } from '../../../lib/page/sidebar-framing';

// The DOM first: the sidebar's modules are loaded below it (the dock's line listens on the window as it loads).
const { window, document } = parseHTML('<!doctype html><html><body><div id="root"></div></body></html>');
Object.assign(window, { location: { href: 'chrome-extension://dealside/sidebar.html#0123abcd', hash: '#0123abcd', protocol: 'chrome-extension:' } });
Object.assign(globalThis, {
  window,
  document,
  navigator: { platform: 'Linux', language: 'en-US', userAgent: 'Node' },
  location: window.location,
  HTMLElement: window.HTMLElement,
  Node: window.Node,
  IS_REACT_ACT_ENVIRONMENT: true,
  addEventListener: () => {},
  removeEventListener: () => {},
});
// focus as far as these tests need it: focus() moves it, and an element taken out of the document leaves it on the body
let focused: HTMLElement | null = null;
window.HTMLElement.prototype.focus = function focus(this: HTMLElement) {
  focused = this;
};
Object.defineProperty(document, 'activeElement', { configurable: true, get: () => (focused?.isConnected ? focused : document.body) });
Object.assign(document, { hasFocus: () => true });

const send = vi.fn<(request: { type: RequestType }) => Promise<unknown>>();
const listeners = new Set<(event: ChangeEvent) => void>();
vi.mock('../../../lib/messages/client', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../../lib/messages/client')>()),
  send: (r: { type: RequestType }) => send(r),
  onChange: (l: (event: ChangeEvent) => void) => {
    listeners.add(l);
    return () => listeners.delete(l);
  },
  onExtensionGone: () => () => {},
}));
// directly in the tab's top page, where the browser does not say the page's origin (Firefox): the token decides
vi.mock('../../../lib/page/framing-facts', () => ({
  framingFacts: () => ({ parentIsTop: true, ancestorOrigins: undefined }),
  frameTokenFromAddress: () => '0123abcd',
}));

const { DealsideError } = await import('../../../lib/messages/client');
const { createElement } = await import('react');
const { act } = await import('react');
const { createRoot } = await import('react-dom/client');
const { App } = await import('../../../entrypoints/sidebar/App');

const TAB = 7;
const DEAL = 'salesforce:acme/0065g00000AcmeQAAS';
const settings: Settings = { ...DEFAULT_SETTINGS, user: { name: 'Dana Reyes', role: 'rep' } };
const view: DealView = {
  deal: {
    key: DEAL,
    snapshot: {
      crm: 'salesforce',
      recordId: '0065g00000AcmeQAAS',
      host: 'acme.lightning.force.com',
      url: 'https://acme.lightning.force.com/lightning/r/Opportunity/0065g00000AcmeQAAS/view',
      name: 'Acme renewal',
      stage: 'Negotiation',
      owner: 'Dana Reyes',
      readAt: '2026-10-30T15:00:00.000Z',
    },
    firstSeenAt: '2026-10-30T15:00:00.000Z',
    lastSeenAt: '2026-10-30T15:00:00.000Z',
  },
  commitments: [],
  nextStep: null,
  scores: [],
  notes: [],
};

/** The background: the tab's deal to the frame holding its token, until `refusing` (another page took it). */
let refusing = false;
send.mockImplementation(async ({ type }) => {
  if (type === 'sidebar/open') {
    if (refusing) throw new DealsideError('bad-sender', SIDEBAR_REFUSED);
    return { settings, current: { tabId: TAB, dealKey: DEAL, snapshot: view.deal!.snapshot }, view };
  }
  if (type === 'settings/get') return settings;
  if (type === 'deal/view') return view;
  if (type === 'draft/get') return null;
  if (type === 'callReview/forDeal') return [];
  return new Promise(() => {}); // nothing else is answered here
});

const change = (event: Partial<ChangeEvent>) => act(async () => [...listeners].forEach((l) => l({ kind: 'dealside/changed', dealKeys: [], tabIds: [], ...event })));
const sidebar = () => document.querySelector('aside[aria-label="Dealside"]');
const alerts = () => [...document.querySelectorAll('[role="alert"]')].map((a) => a.textContent!.trim());

let root: ReturnType<typeof createRoot>;
beforeEach(async () => {
  refusing = false;
  document.body.innerHTML = '<div id="root"></div>';
  root = createRoot(document.getElementById('root')! as unknown as Element);
  await act(async () => root.render(createElement(App)));
});
afterEach(async () => {
  await act(async () => root.unmount());
  listeners.clear();
});

it('shows the tab’s deal to the frame holding the tab’s token', () => {
  expect(sidebar()).not.toBeNull();
  expect(sidebar()!.querySelector('h1')!.textContent).toBe('Acme renewal');
  expect(alerts()).toEqual([]);
});

describe('refused after another page took the tab’s token', () => {
  beforeEach(async () => {
    refusing = true;
    await change({ tabIds: [TAB] }); // the tab's page changed: the frame asks again, and is refused
  });

  it('says so, alone: the deal it had is not left beneath the refusal as if current', () => {
    expect(alerts()).toEqual([SIDEBAR_REFUSED]);
    const aside = sidebar()!; // the landmark stays, with its name
    expect(aside).not.toBeNull();
    expect(aside.textContent).not.toContain('Acme renewal');
    expect(aside.querySelector('header.deal')).toBeNull();
    expect(aside.querySelectorAll('section, textarea, input')).toHaveLength(0);
    // a refusal, not a failed request: nothing to try again, and nothing said to be on its way
    expect([...aside.querySelectorAll('button')].map((b) => b.textContent)).not.toContain('Try again');
    expect(aside.querySelector('[role="status"]')).toBeNull();
  });

  it('stays refused through later changes (settings, the old deal’s data), and asks the background for neither', async () => {
    send.mockClear();
    await change({ settings: true, dealKeys: [DEAL] });
    expect(alerts()).toEqual([SIDEBAR_REFUSED]);
    expect(sidebar()!.textContent).not.toContain('Acme renewal');
    expect(send.mock.calls.map(([r]) => r.type)).not.toContain('deal/view');
    expect(send.mock.calls.map(([r]) => r.type)).not.toContain('settings/get');
  });
});

it('keeps the keyboard in the sidebar when the refusal takes away the field it was in', async () => {
  const field = sidebar()!.querySelector<HTMLElement>('textarea, input')!;
  field.focus();
  refusing = true;
  await change({ tabIds: [TAB] });
  expect(field.isConnected).toBe(false);
  expect(document.activeElement).toBe(sidebar());
});

