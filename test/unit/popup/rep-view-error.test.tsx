/**
 * The 1:1 view when its lists (`scorecard/rep`) cannot be read: one alert, at the top of the view,
 * with "Try again"; a retry is said in words, the same failure again is announced again, and once
 * it works the keyboard goes to the view's heading. react-dom/client into linkedom, send mocked.
 */
import { vi } from 'vitest';
import type { RepWeekDetail } from '../../../lib/db/scorecard';
import { button, popupDocument } from './dom';
import { THIS_WEEK, cardOf } from './cards';

const { document } = popupDocument();
const send = vi.fn<(request: { type: string }) => Promise<RepWeekDetail>>();
vi.mock('../../../lib/messages/client', () => ({ send: (r: { type: string }) => send(r) }));

const detail: RepWeekDetail = { ask: [], problemDeals: [], scores: [], notes: [], reviews: [], read: 0 } as unknown as RepWeekDetail;
function held() {
  let settle!: { answer: (d: RepWeekDetail) => void; fail: (e: Error) => void };
  const promise = new Promise<RepWeekDetail>((answer, fail) => (settle = { answer, fail }));
  return { promise, ...settle };
}

it('one alert at the top with "Try again", which asks again, says so, and once it works leaves the keyboard on the heading', async () => {
  const { createElement, act } = await import('react');
  const { createRoot } = await import('react-dom/client');
  const { RepView } = await import('../../../entrypoints/popup/RepView');
  const card = cardOf(THIS_WEEK);
  const row = card.rows.find((r) => r.rep.name === 'Sam Ortiz')!;
  expect(row.commitments.due).toBe(1); // the commitments' list is one of the things that failed
  send.mockRejectedValue(new Error('The database is busy.'));
  const root = createRoot(document.getElementById('root')!);
  await act(async () => root.render(createElement(RepView, { card, row, onBack: () => {} })));

  const alerts = () => document.querySelectorAll('[role="alert"]');
  const status = () => [...document.querySelectorAll('[role="status"]')].map((s) => s.textContent).join('');
  expect(alerts()).toHaveLength(1);
  const heading = document.querySelector('h1')!;
  expect(heading.nextElementSibling).toBe(alerts()[0]); // at the top, under the heading
  expect(alerts()[0]!.textContent).toContain('The database is busy.');

  const retry = button('Try again');
  retry.focus();
  const words = alerts()[0]!.querySelector('p');
  let again = held();
  send.mockReturnValue(again.promise);
  await act(async () => retry.click());
  expect(send).toHaveBeenCalledTimes(2);
  expect(status()).toContain('Trying again…');
  await act(async () => again.fail(new Error('The database is busy.')));
  expect(status()).not.toContain('Trying again…');
  expect(alerts()).toHaveLength(1);
  expect(words!.isConnected).toBe(false); // the same words drawn anew: announced again
  expect(document.activeElement).toBe(retry); // the button pressed stays

  again = held();
  send.mockReturnValue(again.promise);
  await act(async () => retry.click());
  await act(async () => again.answer(detail));
  expect(alerts()).toHaveLength(0);
  expect(document.activeElement).toBe(heading);
  expect(document.body.textContent).toContain('Recent scores (4 weeks)');
  await act(async () => root.unmount());
});
