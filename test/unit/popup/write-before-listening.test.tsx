/**
 * The popup's first fresh week is asked for before its change port is open (popup-early.js asks
 * before the popup's code loads), so a write committed in between reaches no port of the popup's.
 * It checks the write generation once listening; that check must wait until the background has
 * accepted the port (lib/messages/client.ts `whenListening`): read before, the generation could
 * predate a write whose change the port missed too, and the stale card would stay.
 */
import { vi } from 'vitest';
import type { ScorecardWeek } from '../../../lib/messages/protocol';
import { mountPopup, popupDocument } from './dom';
import { THIS_WEEK, weekOf } from './cards';

const { document } = popupDocument();

const send = vi.fn<(request: { type: string; weekStart?: string }) => Promise<ScorecardWeek>>();
let accept!: () => void;
const whenListening = vi.fn(() => new Promise<void>((resolve) => (accept = resolve)));
vi.mock('../../../lib/messages/client', () => ({
  send: (r: { type: string }) => send(r),
  onChange: () => () => {},
  onlyADraft: () => false,
  whenListening: () => whenListening(),
}));
const writtenSince = vi.fn(async (_answer: ScorecardWeek) => true);
vi.mock('../../../entrypoints/popup/first-week', () => ({
  takeKept: async () => null,
  takeFreshEarly: async () => null,
  afterPaint: async () => {},
  writtenSince: (a: ScorecardWeek) => writtenSince(a),
}));

let unmount: (() => Promise<void>) | undefined;
afterEach(async () => {
  await unmount?.();
  unmount = undefined;
});

it('checks for a write missed while it opened only once the background has accepted its port, then reloads the week', async () => {
  send.mockResolvedValue(weekOf(THIS_WEEK));
  const mounted = await mountPopup(document as unknown as Document);
  unmount = mounted.unmount;
  expect(send).toHaveBeenCalledTimes(1);
  expect(whenListening).toHaveBeenCalled();
  // the card is on screen; the port is not accepted yet: no generation read, no reload
  await mounted.act(async () => new Promise((r) => setTimeout(r, 20)));
  expect(writtenSince).not.toHaveBeenCalled();
  expect(send).toHaveBeenCalledTimes(1);
  // accepted: the generation moved on since the answer, so this week is asked for again
  await mounted.act(async () => {
    accept();
    await new Promise((r) => setTimeout(r, 20));
  });
  expect(writtenSince).toHaveBeenCalledTimes(1);
  expect(send).toHaveBeenCalledTimes(2);
  expect(send).toHaveBeenLastCalledWith(expect.objectContaining({ type: 'scorecard/week' }));
});
