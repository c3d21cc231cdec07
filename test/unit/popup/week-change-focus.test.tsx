/**
 * The keyboard's place in the popup when a new answer changes the card under it (← / → / Home to
 * another week, a reload after a write elsewhere): a rep's row moves to the other group of the
 * table, into the closed "On track" fold, or away, and its button is drawn anew. The keyboard goes
 * to that rep's new button, else the fold's, else the week's label — never dropped to the body.
 * App rendered with react-dom/client into linkedom, the background's answers mocked.
 */
import { vi } from 'vitest';
import type { ScorecardWeek } from '../../../lib/messages/protocol';
import { button, buttonWith, mountPopup, nameOf, popupDocument } from './dom';
import { SAM, THIS_WEEK, weekOf } from './cards';

const { document } = popupDocument();

const send = vi.fn<(request: { type: string; weekStart?: string }) => Promise<ScorecardWeek>>();
vi.mock('../../../lib/messages/client', () => ({ send: (r: { type: string }) => send(r), onChange: () => () => {}, onlyADraft: () => false, whenListening: async () => {} }));
vi.mock('../../../entrypoints/popup/first-week', () => ({ takeKept: async () => null, takeFreshEarly: async () => null, afterPaint: async () => {}, writtenSince: async () => false }));

/** The weeks the background answers: this week when asked for it, else `weeks[weekStart]`. */
function answering(weeks: Record<string, ScorecardWeek>) {
  send.mockImplementation(async (r) => weeks[r.weekStart ?? THIS_WEEK]!);
}
const mount = () => mountPopup(document as unknown as Document);
const samButton = () => document.querySelector<HTMLElement>(`button[data-rep="${SAM}"]`);
let unmount: () => Promise<void>;
afterEach(async () => {
  await unmount?.();
  send.mockReset();
});

it('← to a week where the focused rep is on track, the fold closed: the keyboard goes to the fold\'s button', async () => {
  answering({ [THIS_WEEK]: weekOf(THIS_WEEK), '2026-10-19': weekOf('2026-10-19') });
  const { act, ...m } = await mount();
  unmount = m.unmount;
  expect(samButton()!.closest('tbody')!.className).toBe('attention');
  samButton()!.focus();
  await act(async () => buttonWith('Previous week').click());
  expect(samButton()).toBeNull(); // folded away
  expect(document.activeElement).not.toBe(document.body);
  expect(nameOf(document.activeElement!)).toBe('On track (2)');
});

it('the same with the fold open: the keyboard goes to the rep\'s new button', async () => {
  answering({ [THIS_WEEK]: weekOf(THIS_WEEK), '2026-10-19': weekOf('2026-10-19') });
  const { act, ...m } = await mount();
  unmount = m.unmount;
  await act(async () => button('On track (1)').click());
  const before = samButton()!;
  before.focus();
  await act(async () => buttonWith('Previous week').click());
  expect(before.isConnected).toBe(false); // drawn anew in the other row group
  expect(samButton()!.closest('tbody')!.className).toBe('on-track');
  expect(document.activeElement).toBe(samButton());
});

it('a week with no reps: the keyboard goes to the week\'s label', async () => {
  answering({ [THIS_WEEK]: weekOf(THIS_WEEK), '2026-11-02': weekOf('2026-11-02', []) });
  const { act, ...m } = await mount();
  unmount = m.unmount;
  samButton()!.focus();
  await act(async () => buttonWith('Next week').click());
  expect(document.body.textContent).toContain('No reps yet');
  expect(document.activeElement).toBe(document.querySelector('.week-label'));
});

it('what stays on screen keeps the keyboard (nothing is moved that was not taken away)', async () => {
  answering({ [THIS_WEEK]: weekOf(THIS_WEEK), '2026-10-19': weekOf('2026-10-19') });
  const { act, ...m } = await mount();
  unmount = m.unmount;
  const previous = buttonWith('Previous week');
  previous.focus();
  await act(async () => previous.click());
  expect(document.querySelector('.week-label')!.textContent).not.toContain('(this week)');
  expect(document.activeElement).toBe(previous);
});
