import { createAnswerOrder } from '../../../lib/messages/answer-order';

describe('answer order (a page asking the background again before it answers)', () => {
  it.each(['newest', 'overtaken'] as const)(
    'once something was applied, applies the newest answer and drops one a newer question overtook (the %s arriving first)',
    (first) => {
      const order = createAnswerOrder();
      expect(order.accept(order.ask())).toBe(true);
      const overtaken = order.ask();
      const newest = order.ask();
      // early or late, the overtaken answer describes what the page may have moved on from
      const [a, b] = first === 'newest' ? [newest, overtaken] : [overtaken, newest];
      expect(order.accept(a)).toBe(a === newest);
      expect(order.accept(b)).toBe(b === newest);
    },
  );

  it('shows the first answer to arrive while nothing is shown, however many questions followed it', () => {
    const order = createAnswerOrder();
    // change events keep arriving faster than the round trip: each one asks again
    const tickets = [order.ask(), order.ask(), order.ask(), order.ask()];
    expect(order.accept(tickets[0]!)).toBe(true);
    // then only the newest counts again
    expect(order.accept(tickets[1]!)).toBe(false);
    expect(order.accept(tickets[3]!)).toBe(true);
    expect(order.accept(tickets[2]!)).toBe(false);
  });

  it('never applies the same answer twice, nor one older than the last applied', () => {
    const order = createAnswerOrder();
    const a = order.ask();
    const b = order.ask();
    expect(order.accept(b)).toBe(true);
    expect(order.accept(b)).toBe(false);
    expect(order.accept(a)).toBe(false);
  });

  it("shows only the newest question's failure, and then no older answer over it", () => {
    const order = createAnswerOrder();
    const older = order.ask();
    const newest = order.ask();
    // an overtaken question's failure is not shown
    expect(order.failed(older)).toBe(false);
    expect(order.failed(newest)).toBe(true);
    // the older question's answer would clear that failure (and its Try again): dropped
    expect(order.accept(older)).toBe(false);
    // asking again (Try again) is answered as usual
    expect(order.accept(order.ask())).toBe(true);
  });

  it('an overtaken failure does not stop the first answer from showing', () => {
    const order = createAnswerOrder();
    const first = order.ask();
    const second = order.ask();
    expect(order.failed(first)).toBe(false);
    expect(order.accept(second)).toBe(true);
  });
});
