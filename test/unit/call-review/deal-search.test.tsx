/**
 * The panel's deal search (entrypoints/call-review/RepAndDeal.tsx): one polite status line says
 * "Searching…", then how many deals were found, or that none was, or that the search failed —
 * never a failure passed off as "no deal by that name", and each said once. A failed search is
 * tried again as the search is typed into again.
 */
import { vi } from 'vitest';
import type { DealHit } from '../../../lib/messages/protocol';
import { mountPanel, panelDocument, type } from './panel';

const { document } = panelDocument();

/** the searches sent, each answered (or failed) by the test */
const searches: { query: string; resolve: (hits: DealHit[]) => void; reject: (e: Error) => void }[] = [];
vi.mock('../../../entrypoints/call-review/useCallReview', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../../entrypoints/call-review/useCallReview')>()),
  useCallReview: (await import('./panel')).fakeCallReview,
}));
vi.mock('../../../entrypoints/call-review/useMediaPosition', async () => (await import('./panel')).NO_MEDIA);
vi.mock('../../../lib/page/dock-room', async () => (await import('./panel')).NO_DOCK);
vi.mock('../../../lib/messages/client', async (importOriginal) =>
  (await import('./panel')).quietClient(await importOriginal<object>(), (r: { type: string; query?: string }) =>
    r.type === 'deals/search' ? new Promise((resolve, reject) => searches.push({ query: r.query!, resolve, reject })) : new Promise(() => {})),
);

const hit = (n: number): DealHit => ({ key: `salesforce:acme/${n}`, name: `Acme deal ${n}`, crm: 'salesforce' });
const EMPTY = 'No deal seen by that name yet.';
const searchBox = () => document.querySelector<HTMLInputElement>('.deal-search input[type="search"]')!;
/** what the search's status line says (null: no line, nothing typed) */
const searchStatus = () => {
  const lines = [...document.querySelectorAll('.deal-search [role="status"]')];
  if (lines.length > 1) throw new Error(`${lines.length} status lines in the deal search`);
  return lines[0] ? lines[0].textContent!.trim() : null;
};
/** the panel's own status line ("Review completed.", "Pinned at …") */
const panelStatus = () => document.querySelectorAll('section[aria-label="Call review"] > [role="status"]');
/** every live region (status, alert, aria-live) saying `words`: one at most, or it is said twice */
const saidBy = (words: string) =>
  [...document.querySelectorAll('[role="status"], [role="alert"], [aria-live]')].filter((r) => r.textContent!.includes(words));
const hitsList = () => document.querySelector('ul[aria-label="Deals found"]');
const debounced = () => new Promise((r) => setTimeout(r, 250));

let m: Awaited<ReturnType<typeof mountPanel>>;
beforeEach(async () => {
  searches.length = 0;
  m = await mountPanel(document as unknown as Document);
});
afterEach(async () => {
  await m.unmount();
});

it('says "Searching…", then how many deals were found, once', async () => {
  const { act } = m;
  // nothing searched: the panel's status line is its only one (test/e2e/call-review.spec.ts reads "the" status)
  expect(searchStatus()).toBeNull();
  expect(document.querySelectorAll('[role="status"]')).toHaveLength(1);
  expect(panelStatus()).toHaveLength(1);
  await act(async () => type(searchBox(), 'Acme'));
  // there, empty, before the search is sent: what it says next is heard
  expect(searchStatus()).toBe('');
  await act(debounced);
  expect(searches.map((s) => s.query)).toEqual(['Acme']);
  expect(searchStatus()).toBe('Searching…');
  await act(async () => searches[0]!.resolve([hit(1), hit(2), hit(3)]));
  expect(searchStatus()).toBe('3 deals found');
  expect(saidBy('deals found')).toHaveLength(1);
  expect(hitsList()!.querySelectorAll('button')).toHaveLength(3);

  await act(async () => type(searchBox(), 'Acme deal 2'));
  await act(debounced);
  expect(searchStatus()).toBe('Searching…');
  await act(async () => searches[1]!.resolve([hit(2)]));
  expect(searchStatus()).toBe('1 deal found');
});

it('none found: said once, and listed', async () => {
  const { act } = m;
  await act(async () => type(searchBox(), 'no such deal'));
  await act(debounced);
  await act(async () => searches[0]!.resolve([]));
  expect(searchStatus()).toBe(EMPTY);
  expect(saidBy(EMPTY)).toHaveLength(1);
  // the list stays, saying so (test/e2e/call-review.spec.ts waits for it)
  expect(hitsList()!.textContent).toBe(EMPTY);
});

it('a failed search is said as a failure, not as no deal found, and is tried again as the search is typed into', async () => {
  const { act } = m;
  await act(async () => type(searchBox(), 'Acme'));
  await act(debounced);
  await act(async () => searches[0]!.reject(new Error('Dealside did not answer.')));
  expect(document.body.textContent).not.toContain(EMPTY);
  expect(searchStatus()).toMatch(/could not search/i);
  expect(searchStatus()).toMatch(/again/i);
  // shown too, not only said (once)
  const failure = searchStatus()!;
  expect(document.querySelector('.deal-search .error')?.textContent).toBe(failure);
  expect(saidBy(failure)).toHaveLength(1);
  expect(hitsList()).toBeNull();

  await act(async () => type(searchBox(), 'Acme '));
  await act(debounced);
  expect(searches).toHaveLength(2);
  expect(searchStatus()).toBe('Searching…');
  expect(document.querySelector('.deal-search .error')).toBeNull();
  await act(async () => searches[1]!.resolve([hit(1), hit(2)]));
  expect(searchStatus()).toBe('2 deals found');
  expect(hitsList()!.querySelectorAll('button')).toHaveLength(2);
});

it('the search emptied: nothing said, nothing listed', async () => {
  const { act } = m;
  await act(async () => type(searchBox(), 'Acme'));
  await act(debounced);
  await act(async () => searches[0]!.resolve([hit(1)]));
  await act(async () => type(searchBox(), ''));
  expect(searchStatus()).toBeNull();
  expect(hitsList()).toBeNull();
});
