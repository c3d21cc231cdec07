/**
 * Options: what a change to Week start, Theme, Date order, the covered-clicks checkbox or a learned
 * date order's "Forget" says. A failure is said beside the control that failed, in its section, as an
 * alert the control is described by (not in the banner at the top of a long page, off screen); a
 * success says "Saved." politely in that section, once, and the next change clears it. The banner at
 * the top stays for what no one control did (the settings not read). react-dom/client into linkedom,
 * the background's answers mocked.
 */
import { vi } from 'vitest';
import type { Settings } from '../../../lib/model';
import { button, byId, choose, describedBy, optionsDocument, settingsWith } from './dom';

const { document } = optionsDocument();

type Request = { type: string; patch?: Partial<Settings> & { forgetDateOrderOf?: string } };
const send = vi.fn<(request: Request) => Promise<unknown>>();
vi.mock('../../../lib/messages/client', () => ({ send: (r: Request) => send(r), onChange: () => () => {} }));
vi.mock('wxt/browser', () => {
  const event = { addListener: () => {}, removeListener: () => {} };
  return { browser: { permissions: { onAdded: event, onRemoved: event, contains: async () => true }, commands: { getAll: async () => [] } } };
});

let stored: Settings;
/** The background: settings/get answers what is stored; settings/set as `set` says (default: stores the patch). */
let set: (patch: Request['patch']) => Promise<Settings>;
function background(request: Request) {
  if (request.type === 'settings/get') return Promise.resolve(stored);
  if (request.type === 'settings/set') return set(request.patch);
  return Promise.reject(new Error(`not mocked: ${request.type}`));
}
const saving = async (patch: Request['patch']) => {
  const { forgetDateOrderOf, ...rest } = patch ?? {};
  stored = { ...stored, ...rest };
  if (forgetDateOrderOf) stored = { ...stored, dateOrderBySite: Object.fromEntries(Object.entries(stored.dateOrderBySite).filter(([h]) => h !== forgetDateOrderOf)) };
  return stored;
};
function held() {
  let settle!: { answer: () => void; fail: (e: Error) => void };
  const promise = new Promise<Settings>((answer, fail) => (settle = { answer: () => answer(saving({}) as unknown as Settings), fail }));
  return { promise, ...settle };
}

let unmount: (() => Promise<void>) | undefined;
async function mount(settings: Settings = settingsWith()) {
  stored = settings;
  set = saving;
  send.mockImplementation(background);
  const { createElement, act } = await import('react');
  const { createRoot } = await import('react-dom/client');
  const { Options } = await import('../../../entrypoints/options/Options');
  document.body.innerHTML = '<div id="root"></div>';
  const root = createRoot(document.getElementById('root')!);
  await act(async () => root.render(createElement(Options)));
  unmount = () => act(async () => root.unmount());
  return act;
}
afterEach(async () => {
  await unmount?.();
  unmount = undefined;
  send.mockReset();
});

const section = (heading: string) => document.querySelector(`section[aria-labelledby="${heading}"]`)!;
const alerts = () => [...document.querySelectorAll('[role="alert"]')];
const statusIn = (s: Element) => [...s.querySelectorAll('[role="status"]')].map((e) => e.textContent).join('|');
const banner = () => document.querySelector('main > .banner');

const CONTROLS = [
  { name: 'Theme', id: 'theme', heading: 'week-h', value: 'dark', next: 'light', last: 'system' },
  { name: 'Week start', id: 'week-start', heading: 'week-h', value: '7', next: '3', last: '2' },
  { name: 'Date order', id: 'date-order', heading: 'dates-h', value: 'day-first', next: 'month-first', last: 'auto' },
] as const;

describe.each(CONTROLS)('$name', ({ id, heading, value, next, last }) => {
  it('a failed change: the error beside it, in its section, an alert that describes it; no banner at the top', async () => {
    const act = await mount();
    set = () => Promise.reject(new Error('The settings store is full.'));
    const select = byId(id) as HTMLSelectElement;
    await act(async () => choose(select, value));

    expect(banner()).toBeNull();
    expect(alerts()).toHaveLength(1);
    const alert = alerts()[0]!;
    expect(alert.textContent).toContain('The settings store is full.');
    expect(section(heading).contains(alert)).toBe(true);
    expect(describedBy(select).join(' ')).toContain('The settings store is full.');
    expect(select.getAttribute('aria-describedby')!.split(' ')).toContain(alert.id);
    expect(statusIn(section(heading))).not.toContain('Saved');
  });

  it('a saved change says "Saved." once, politely, in its section; the next change clears it, and a failure after it replaces it', async () => {
    const act = await mount();
    const select = byId(id) as HTMLSelectElement;
    await act(async () => choose(select, value));
    expect(statusIn(section(heading))).toBe('Saved.');
    // said once: no other status on the page says it too
    expect([...document.querySelectorAll('[role="status"]')].filter((s) => s.textContent!.includes('Saved'))).toHaveLength(1);
    expect(alerts()).toHaveLength(0);

    // the next change: cleared while it is saved, said again (anew) once saved
    const pending = held();
    set = () => pending.promise;
    await act(async () => choose(select, next));
    expect(statusIn(section(heading))).not.toContain('Saved');
    await act(async () => pending.fail(new Error('Busy.')));
    expect(statusIn(section(heading))).not.toContain('Saved');
    expect(alerts()).toHaveLength(1);
    expect(section(heading).contains(alerts()[0]!)).toBe(true);

    // and the change after that clears the error, then says "Saved."
    set = saving;
    await act(async () => choose(select, last));
    expect(alerts()).toHaveLength(0);
    expect(select.getAttribute('aria-describedby') ?? '').not.toMatch(/error/);
    expect(statusIn(section(heading))).toBe('Saved.');
  });
});

it('the covered-clicks checkbox: a failure beside it, described by it; a success says "Saved." in its section', async () => {
  const act = await mount();
  const box = section('clicks-h').querySelector('input[type="checkbox"]') as HTMLInputElement;
  set = () => Promise.reject(new Error('No room.'));
  await act(async () => box.click());
  expect(banner()).toBeNull();
  expect(alerts()).toHaveLength(1);
  expect(section('clicks-h').contains(alerts()[0]!)).toBe(true);
  expect(describedBy(box).join(' ')).toContain('No room.');
  set = saving;
  await act(async () => box.click());
  expect(alerts()).toHaveLength(0);
  expect(statusIn(section('clicks-h'))).toBe('Saved.');
});

it('a failed "Forget" is said beside its own row, which keeps the keyboard, described by it', async () => {
  const act = await mount(settingsWith({ dateOrder: 'auto', dateOrderBySite: { 'crm.one.example': 'day-first', 'crm.two.example': 'month-first' } }));
  set = () => Promise.reject(new Error('Locked.'));
  const forget = button('Forget how crm.two.example writes dates');
  forget.focus();
  await act(async () => forget.click());
  expect(banner()).toBeNull();
  expect(alerts()).toHaveLength(1);
  const alert = alerts()[0]!;
  expect(alert.textContent).toContain('Locked.');
  expect(forget.closest('li')!.contains(alert)).toBe(true);
  expect(describedBy(forget).join(' ')).toContain('Locked.');
  expect(document.activeElement).toBe(forget);

  set = saving;
  await act(async () => forget.click());
  expect(alerts()).toHaveLength(0);
  expect(statusIn(section('dates-h'))).toBe('Saved.');
  expect(document.activeElement).toBe(button('Forget how crm.one.example writes dates'));
});

it('the settings not read keeps the banner at the top (no one control failed)', async () => {
  stored = settingsWith();
  send.mockRejectedValue(new Error('No answer.'));
  const { createElement, act } = await import('react');
  const { createRoot } = await import('react-dom/client');
  const { Options } = await import('../../../entrypoints/options/Options');
  document.body.innerHTML = '<div id="root"></div>';
  const root = createRoot(document.getElementById('root')!);
  await act(async () => root.render(createElement(Options)));
  unmount = () => act(async () => root.unmount());
  expect(banner()!.getAttribute('role')).toBe('alert');
  expect(banner()!.textContent).toContain('Dealside could not read its settings: No answer.');
});
