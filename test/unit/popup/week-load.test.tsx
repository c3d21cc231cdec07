/**
 * The popup while a week loads, when it fails, and "Try again": what the markup says (linkedom,
 * react-dom/client), the background's answers mocked. A week that fails to load keeps the week
 * navigation and the last card read; loading and retrying are said in words, not only aria-busy;
 * the same failure twice is announced twice.
 */
import { vi } from 'vitest';
import type { ScorecardWeek } from '../../../lib/messages/protocol';
import { THIS_WEEK_REQUEST } from '../../../lib/messages/early-week';
import { button, buttonWith, mountPopup, nameOf, popupDocument } from './dom';
import { THIS_WEEK, weekOf } from './cards';

const { document } = popupDocument();

const send = vi.fn<(request: { type: string; weekStart?: string }) => Promise<ScorecardWeek>>();
vi.mock('../../../lib/messages/client', () => ({ send: (r: { type: string }) => send(r), onChange: () => () => {}, onlyADraft: () => false, whenListening: async () => {} }));
vi.mock('../../../entrypoints/popup/first-week', () => ({ takeKept: async () => null, takeFreshEarly: async () => null, afterPaint: async () => {}, writtenSince: async () => false }));

async function mount() {
  const mounted = await mountPopup(document as unknown as Document);
  unmount = mounted.unmount;
  return mounted.act;
}
let unmount: (() => Promise<void>) | undefined;
afterEach(async () => {
  await unmount?.();
  unmount = undefined;
  send.mockReset();
});
const status = () => [...document.querySelectorAll('[role="status"]')].map((s) => s.textContent).join('');
const alert = () => document.querySelector('[role="alert"]');
const label = () => document.querySelector('.week-label')!.textContent;
/** A request answered when the test says so. */
function held() {
  let settle!: { answer: (w: ScorecardWeek) => void; fail: (e: Error) => void };
  const promise = new Promise<ScorecardWeek>((answer, fail) => (settle = { answer, fail }));
  return { promise, ...settle };
}

it('names the week buttons without their arrows (drawn, hidden from screen readers)', async () => {
  send.mockResolvedValue(weekOf(THIS_WEEK));
  await mount();
  expect(nameOf(button('Previous week'))).toBe('Previous week');
  expect(nameOf(button('Next week'))).toBe('Next week');
  expect(button('Previous week').textContent).toContain('←');
});

it('says "Loading…" while another week loads, and nothing once it is on screen', async () => {
  send.mockResolvedValue(weekOf(THIS_WEEK));
  const act = await mount();
  expect(status()).toBe('');
  const before = held();
  send.mockReturnValue(before.promise);
  await act(async () => buttonWith('Previous week').click());
  expect(send).toHaveBeenLastCalledWith({ type: 'scorecard/week', weekStart: '2026-10-19' });
  expect(document.querySelector('main')!.getAttribute('aria-busy')).toBe('true');
  expect(status()).toBe('Loading…');
  await act(async () => before.answer(weekOf('2026-10-19')));
  expect(status()).toBe('');
  expect(label()).not.toContain('(this week)');
});

it('a week that fails to load keeps the navigation and the last card read, says which card that is, and ← → Home still work', async () => {
  send.mockResolvedValue(weekOf(THIS_WEEK));
  const act = await mount();
  send.mockRejectedValue(new Error('The week could not be read.'));
  await act(async () => buttonWith('Previous week').click());
  expect(alert()!.textContent).toContain('could not read your scorecard data');
  expect(alert()!.textContent).toContain('The week could not be read.');
  // the last card read, said to be what is shown
  expect(alert()!.textContent).toContain(`Shown below: ${weekOf(THIS_WEEK).card.label}, the last week read.`);
  expect(document.querySelector('table[aria-label="Weekly scorecard"]')).not.toBeNull();
  expect(document.querySelector('nav[aria-label="Week"]')).not.toBeNull();
  // "This week" is the way back (this week is on screen, but another week was asked for)
  expect(buttonWith('This week').getAttribute('aria-disabled')).toBe('false');
  // ← goes on from the week asked for
  await act(async () => buttonWith('Previous week').click());
  expect(send).toHaveBeenLastCalledWith({ type: 'scorecard/week', weekStart: '2026-10-12' });
  send.mockResolvedValue(weekOf(THIS_WEEK));
  await act(async () => buttonWith('This week').click());
  expect(send).toHaveBeenLastCalledWith(THIS_WEEK_REQUEST);
  expect(alert()).toBeNull();
  expect(label()).toContain('(this week)');
  expect(buttonWith('This week').getAttribute('aria-disabled')).toBe('true');
});

it('"Try again" after a week failed asks for that week again, says so, and shows it', async () => {
  send.mockResolvedValue(weekOf(THIS_WEEK));
  const act = await mount();
  send.mockRejectedValue(new Error('No answer.'));
  await act(async () => buttonWith('Previous week').click());
  const again = held();
  send.mockReturnValue(again.promise);
  await act(async () => button('Try again').click());
  expect(send).toHaveBeenLastCalledWith({ type: 'scorecard/week', weekStart: '2026-10-19' });
  expect(status()).toBe('Trying again…');
  await act(async () => again.answer(weekOf('2026-10-19')));
  expect(alert()).toBeNull();
  expect(status()).toBe('');
  expect(label()).not.toContain('(this week)');
});

it('"Try again" while the background is slow says "Trying again…"; the same failure again is a new alert (announced), the button pressed stays', async () => {
  send.mockRejectedValue(new Error('No answer.'));
  const act = await mount();
  const words = alert()!.querySelector('p')!;
  const retry = button('Try again');
  retry.focus();
  const again = held();
  send.mockReturnValue(again.promise);
  await act(async () => retry.click());
  expect(status()).toBe('Trying again…');
  await act(async () => again.fail(new Error('No answer.')));
  expect(status()).toBe('');
  expect(alert()!.textContent).toContain('No answer.');
  expect(words.isConnected).toBe(false); // the words were drawn anew: a screen reader says them again
  expect(button('Try again')).toBe(retry); // …and the keyboard stays on the button
  expect(document.activeElement).toBe(retry);
});

it('"Try again" that works: the banner goes, the keyboard goes to the popup\'s heading', async () => {
  send.mockRejectedValue(new Error('No answer.'));
  const act = await mount();
  button('Try again').focus();
  send.mockResolvedValue(weekOf(THIS_WEEK));
  await act(async () => button('Try again').click());
  expect(alert()).toBeNull();
  expect(document.activeElement).toBe(document.querySelector('h1'));
  expect(document.activeElement!.textContent).toBe('Dealside');
});
