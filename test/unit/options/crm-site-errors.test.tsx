/**
 * Options → CRM sites: where an error is said. The add-site form's own errors (an address that
 * cannot be read, access refused for it, the save failing) mark the "Site address" box invalid and
 * describe it, until the address is edited; a row's "Remove" or "Grant access" that fails is said
 * beside that row, as an alert describing the button pressed, and leaves the address box alone
 * (it was not what failed). react-dom/client into linkedom, the background and the browser mocked.
 */
import { vi } from 'vitest';
import type { Settings } from '../../../lib/model';
import { button, byId, describedBy, optionsDocument, settingsWith, type } from './dom';

const { document } = optionsDocument();

const send = vi.fn<(request: { type: string }) => Promise<Settings>>();
vi.mock('../../../lib/messages/client', () => ({ send: (r: { type: string }) => send(r), onChange: () => () => {} }));
const permissions = vi.hoisted(() => ({
  contains: vi.fn(async () => true),
  request: vi.fn(async () => true),
  remove: vi.fn(async () => true),
}));
vi.mock('wxt/browser', () => {
  const event = { addListener: () => {}, removeListener: () => {} };
  return { browser: { permissions: { ...permissions, onAdded: event, onRemoved: event } } };
});

const ONE = 'https://crm.one.example';
const TWO = 'https://crm.two.example';
const withSites = settingsWith({
  crmSites: [
    { origin: ONE, crm: 'salesforce' },
    { origin: TWO, crm: 'hubspot' },
  ] as Settings['crmSites'],
});

let unmount: (() => Promise<void>) | undefined;
async function mount(settings: Settings = withSites) {
  const { createElement, act } = await import('react');
  const { createRoot } = await import('react-dom/client');
  const { CrmSitesSection } = await import('../../../entrypoints/options/CrmSitesSection');
  document.body.innerHTML = '<div id="root"></div>';
  const root = createRoot(document.getElementById('root')!);
  await act(async () => root.render(createElement(CrmSitesSection, { settings, onSaved: () => {} })));
  unmount = () => act(async () => root.unmount());
  return act;
}
afterEach(async () => {
  await unmount?.();
  unmount = undefined;
  send.mockReset();
  permissions.contains.mockReset().mockResolvedValue(true);
  permissions.request.mockReset().mockResolvedValue(true);
  permissions.remove.mockReset().mockResolvedValue(true);
});

const address = () => byId('site-address') as HTMLInputElement;
/** "Add site" pressed (linkedom's button does not submit its form). */
const submit = () => document.querySelector('form')!.dispatchEvent(new (document.defaultView as unknown as typeof globalThis).Event('submit', { bubbles: true, cancelable: true }));
const alerts = () => [...document.querySelectorAll('[role="alert"]')];
const rowOf = (host: string) => [...document.querySelectorAll('li')].find((li) => li.querySelector('strong')?.textContent === host)!;
const addressUnmarked = () => {
  expect(address().getAttribute('aria-invalid') ?? 'false').toBe('false');
  expect(address().hasAttribute('aria-describedby')).toBe(false);
};

it('a failed "Remove": said beside its row, describing that button; the address box is not marked', async () => {
  const act = await mount();
  send.mockRejectedValue(new Error('The store is locked.'));
  const remove = button('Remove crm.two.example');
  await act(async () => remove.click());

  expect(alerts()).toHaveLength(1);
  const alert = alerts()[0]!;
  expect(alert.textContent).toContain('crm.two.example was not removed: The store is locked.');
  expect(rowOf('crm.two.example').contains(alert)).toBe(true);
  expect(rowOf('crm.one.example').contains(alert)).toBe(false);
  expect(describedBy(remove)).toEqual([alert.textContent]);
  addressUnmarked();

  // the next action clears it
  send.mockResolvedValue(settingsWith({ crmSites: [{ origin: ONE, crm: 'salesforce' }] as Settings['crmSites'] }));
  await act(async () => remove.click());
  expect(alerts()).toHaveLength(0);
});

it('a row\'s "Grant access" refused: said beside that row, describing that button; the address box is not marked', async () => {
  permissions.contains.mockImplementation(async () => false);
  const act = await mount();
  permissions.request.mockResolvedValue(false);
  const grant = button('Grant access to crm.one.example');
  await act(async () => grant.click());

  expect(alerts()).toHaveLength(1);
  const alert = alerts()[0]!;
  expect(alert.textContent).toContain('Dealside was not given access to crm.one.example');
  expect(rowOf('crm.one.example').contains(alert)).toBe(true);
  expect(describedBy(grant)).toEqual([alert.textContent]);
  addressUnmarked();
});

it('a row\'s "Grant access" whose save fails: said beside that row; the address box is not marked', async () => {
  permissions.contains.mockImplementation(async () => false);
  const act = await mount();
  send.mockRejectedValue(new Error('No room.'));
  await act(async () => button('Grant access to crm.two.example').click());
  expect(alerts()).toHaveLength(1);
  expect(alerts()[0]!.textContent).toContain('crm.two.example was not added: No room.');
  expect(rowOf('crm.two.example').contains(alerts()[0]!)).toBe(true);
  addressUnmarked();
});

it('the form\'s own error marks the address box and describes it, until the address is edited', async () => {
  const act = await mount();
  await act(async () => type(address(), 'not a site at all'));
  await act(async () => submit());

  expect(alerts()).toHaveLength(1);
  expect(address().getAttribute('aria-invalid')).toBe('true');
  expect(describedBy(address())).toEqual([alerts()[0]!.textContent]);
  expect(document.querySelector('form')!.contains(alerts()[0]!)).toBe(true); // beside the box, in the form

  await act(async () => type(address(), 'crm.three.example'));
  addressUnmarked();
  expect(alerts()).toHaveLength(0);
});

it('access refused from the form is the form\'s error: the address box is marked', async () => {
  const act = await mount();
  permissions.request.mockResolvedValue(false);
  await act(async () => type(address(), 'crm.three.example'));
  await act(async () => submit());
  expect(alerts()[0]!.textContent).toContain('Dealside was not given access to crm.three.example');
  expect(address().getAttribute('aria-invalid')).toBe('true');
  expect(describedBy(address())).toEqual([alerts()[0]!.textContent]);
});

it('a row\'s error, then a form error: one alert, the form\'s, and the row no longer described', async () => {
  const act = await mount();
  send.mockRejectedValue(new Error('Locked.'));
  const remove = button('Remove crm.one.example');
  await act(async () => remove.click());
  await act(async () => type(address(), 'not a site at all'));
  await act(async () => submit());
  expect(alerts()).toHaveLength(1);
  expect(rowOf('crm.one.example').contains(alerts()[0]!)).toBe(false);
  expect(remove.hasAttribute('aria-describedby')).toBe(false);
  expect(address().getAttribute('aria-invalid')).toBe('true');
});
