/**
 * Which answers to apply when a page asks the background again before its last
 * question is answered (every change event may ask anew).
 *
 * An answer overtaken by a newer question is dropped: it may describe a deal
 * the tab has already left. Except while nothing has been applied yet: then
 * the first answer to arrive is shown, so a run of change events arriving
 * faster than the round trip can never keep the page waiting with nothing
 * (each new question would otherwise drop the one before). An answer older
 * than one already applied is always dropped.
 */
export interface AnswerOrder {
  /** a ticket for a question about to be asked */
  ask(): number;
  /** whether the answer to `ticket` should be applied (if so, it counts as applied) */
  accept(ticket: number): boolean;
  /**
   * The question `ticket` failed: whether to show it (only the newest question's failure
   * is). Once shown, an older answer arriving after it is dropped too: it would clear the
   * failure and its "Try again" with what may already be stale.
   */
  failed(ticket: number): boolean;
}

export function createAnswerOrder(): AnswerOrder {
  let asked = 0;
  let applied = 0;
  let failedAt = 0;
  return {
    ask: () => ++asked,
    accept(ticket) {
      if (ticket <= applied) return false;
      if (ticket !== asked && (applied > 0 || failedAt === asked)) return false;
      applied = ticket;
      return true;
    },
    failed(ticket) {
      if (ticket !== asked) return false;
      failedAt = ticket;
      return true;
    },
  };
}
