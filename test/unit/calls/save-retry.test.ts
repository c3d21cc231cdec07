import { describe, expect, it } from 'vitest';
import { afterFailedSave, COMPLETION_WAITS, NOT_COMPLETED, saveToSend, statusAfterEdit } from '../../../lib/calls/save-retry';

describe('a "Complete review" that failed', () => {
  it('for a reason that may pass (no name set yet, no answer) is tried again as a completion, never as a draft', () => {
    for (const code of ['no-user', 'internal', undefined] as const) {
      const after = afterFailedSave('complete', code);
      expect(after).toEqual({ completionWaits: true, status: COMPLETION_WAITS });
      // the retry (and the time flush, a change event, a move to the next call) asks for a draft save of the edits waiting
      for (const kind of ['draft', 'time'] as const) expect(saveToSend(kind, true, after.completionWaits)).toBe('complete');
    }
  });

  it('refused by the background on what was sent, or with Dealside gone: not retried as a completion, and said plainly', () => {
    for (const code of ['invalid-state', 'bad-request', 'not-found', 'gone'] as const) {
      const after = afterFailedSave('complete', code);
      expect(after).toEqual({ completionWaits: false, status: NOT_COMPLETED });
      // the edits are still kept, as a draft
      expect(saveToSend('draft', true, after.completionWaits)).toBe('draft');
    }
  });

  it('is withdrawn by an edit (the manager is changing it again), and that is said', () => {
    expect(statusAfterEdit(true)).toBe(NOT_COMPLETED);
    expect(statusAfterEdit(false)).toBeUndefined();
    // the edit's autosave is a draft then
    expect(saveToSend('draft', true, false)).toBe('draft');
  });
});

describe('what a save sends otherwise', () => {
  it('as before: a completion asked for; the edits waiting as a draft; the time only, or nothing, with none waiting', () => {
    expect(saveToSend('complete', false, false)).toBe('complete');
    expect(saveToSend('draft', true, false)).toBe('draft');
    expect(saveToSend('time', true, false)).toBe('draft');
    expect(saveToSend('time', false, false)).toBe('time');
    expect(saveToSend('draft', false, false)).toBeNull();
    // a draft or time save that fails leaves no completion waiting
    expect(afterFailedSave('draft', 'no-user')).toEqual({ completionWaits: false });
  });
});
