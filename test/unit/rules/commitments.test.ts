import { describe, expect, it } from 'vitest';
import {
  commitmentChain,
  commitmentPrompt,
  commitmentQuestionLead,
  isDue,
  newDueRefusal,
  outcomeRefusal,
  renegotiateCommitment,
  resolveCommitment,
  sortCommitments,
} from '../../../lib/rules/commitments';
import { commitmentSchema, type Commitment, type Person } from '../../../lib/model';

const REP: Person = { name: 'Priya Shah', role: 'rep' };
const MANAGER: Person = { name: 'Sam Lee', role: 'manager' };
const NY = 'America/New_York';
// 11:00 Wednesday 2026-11-25 in New York; already Thursday in Auckland
const NOW = new Date('2026-11-25T16:00:00Z');
const NOW_ISO = NOW.toISOString();

function commitment(over: Partial<Commitment> = {}): Commitment {
  return {
    id: 'c1',
    dealKey: 'salesforce:006A',
    repId: 'salesforce:Priya Shah',
    text: 'send the security questionnaire',
    due: '2026-11-25',
    dueInput: 'by Wednesday',
    statedBy: REP,
    statedAt: '2026-11-20T15:00:00.000Z',
    status: 'open',
    ...over,
  };
}

describe('isDue', () => {
  it('open and due today or earlier in the zone', () => {
    expect(isDue(commitment({ due: '2026-11-25' }), NOW, NY)).toBe(true);
    expect(isDue(commitment({ due: '2026-11-01' }), NOW, NY)).toBe(true);
    expect(isDue(commitment({ due: '2026-11-26' }), NOW, NY)).toBe(false);
    expect(isDue(commitment({ due: '2026-11-26' }), NOW, 'Pacific/Auckland')).toBe(true);
  });

  it('resolved commitments are never due', () => {
    const kept = resolveCommitment(commitment({ due: '2026-11-01' }), 'kept', 'sent', REP, NOW_ISO);
    expect(isDue(kept, NOW, NY)).toBe(false);
  });
});

describe('prompt', () => {
  it('quotes the promise and the day', () => {
    const c = commitment({ text: 'send the proposal', due: '2026-12-03' });
    expect(commitmentQuestionLead(c)).toBe('You committed to send the proposal by Thu, Dec 3, 2026.');
    expect(commitmentPrompt(c)).toBe('You committed to send the proposal by Thu, Dec 3, 2026. What happened?');
  });

  it('does not double the full stop', () => {
    expect(commitmentQuestionLead(commitment({ text: 'send the proposal.', due: '2026-12-03' }))).toBe(
      'You committed to send the proposal by Thu, Dec 3, 2026.',
    );
  });
});

describe('resolveCommitment', () => {
  it.each(['kept', 'missed', 'dropped'] as const)('%s', (outcome) => {
    const c = commitment();
    const got = resolveCommitment(c, outcome, '  what happened  ', MANAGER, NOW_ISO, outcome === 'dropped' ? 'deal lost' : undefined);
    expect(got).not.toBe(c);
    expect(c.status).toBe('open');
    expect(got.status).toBe(outcome);
    expect(got.resolution).toEqual({
      outcome,
      note: 'what happened',
      by: MANAGER,
      at: NOW_ISO,
      ...(outcome === 'dropped' ? { reason: 'deal lost' } : {}),
    });
    expect(commitmentSchema.safeParse(got).success).toBe(true);
  });

  it('refuses to resolve twice', () => {
    const kept = resolveCommitment(commitment(), 'kept', '', REP, NOW_ISO);
    expect(() => resolveCommitment(kept, 'missed', '', REP, NOW_ISO)).toThrow('already resolved');
  });
});

describe('outcomeRefusal', () => {
  it('a due promise may be kept, missed or dropped with a reason', () => {
    const due = commitment({ due: '2026-11-25' });
    expect(outcomeRefusal(due, 'kept', undefined, NOW, NY)).toBeNull();
    expect(outcomeRefusal(due, 'missed', undefined, NOW, NY)).toBeNull();
    expect(outcomeRefusal(due, 'dropped', 'deal lost', NOW, NY)).toBeNull();
  });

  it('a promise not yet due may be kept early or dropped, not missed', () => {
    const upcoming = commitment({ due: '2026-11-27' });
    expect(outcomeRefusal(upcoming, 'kept', undefined, NOW, NY)).toBeNull();
    expect(outcomeRefusal(upcoming, 'dropped', 'buyer went another way', NOW, NY)).toBeNull();
    expect(outcomeRefusal(upcoming, 'missed', undefined, NOW, NY)).toBe(
      'That commitment is due Fri, Nov 27, 2026: it can be marked missed from then on. Renegotiate or drop it before then.',
    );
  });

  it('"due" is decided in the user\'s zone', () => {
    const tomorrowInNewYork = commitment({ due: '2026-11-26' });
    expect(outcomeRefusal(tomorrowInNewYork, 'missed', undefined, NOW, NY)).not.toBeNull();
    expect(outcomeRefusal(tomorrowInNewYork, 'missed', undefined, NOW, 'Pacific/Auckland')).toBeNull();
  });

  it('dropping needs a reason', () => {
    expect(outcomeRefusal(commitment(), 'dropped', undefined, NOW, NY)).toBe('Say why the commitment is dropped.');
    expect(outcomeRefusal(commitment(), 'dropped', '   ', NOW, NY)).toBe('Say why the commitment is dropped.');
  });

  it('a resolved promise takes no other outcome', () => {
    const kept = resolveCommitment(commitment(), 'kept', '', REP, NOW_ISO);
    for (const outcome of ['kept', 'missed', 'dropped'] as const) {
      expect(outcomeRefusal(kept, outcome, 'why', NOW, NY)).toBe('That commitment is already resolved.');
    }
  });

  it('a record marked open but carrying a resolution is resolved: its outcome is never overwritten', () => {
    const mislabelled = commitment({ status: 'open', resolution: { outcome: 'kept', note: 'signed on time', by: REP, at: NOW_ISO } });
    expect(outcomeRefusal(mislabelled, 'missed', undefined, NOW, NY)).toBe('That commitment is already resolved.');
    expect(() => resolveCommitment(mislabelled, 'missed', '', REP, NOW_ISO)).toThrow('already resolved');
  });
});

describe('renegotiateCommitment', () => {
  const args = {
    newDue: '2026-12-04',
    newDueInput: 'next Friday',
    reason: 'legal out this week',
    note: 'asked, not sent',
    nowIso: NOW_ISO,
    newId: 'c2',
  };

  it('closes the old promise and opens a linked one', () => {
    const c = commitment();
    const { closed, opened } = renegotiateCommitment(c, { ...args, by: REP });
    expect(c.status).toBe('open');
    expect(closed).toEqual({
      ...c,
      status: 'renegotiated',
      resolution: {
        outcome: 'renegotiated',
        note: 'asked, not sent',
        by: REP,
        at: NOW_ISO,
        newDue: '2026-12-04',
        reason: 'legal out this week',
        replacedBy: 'c2',
      },
    });
    expect(opened).toEqual({
      id: 'c2',
      dealKey: c.dealKey,
      repId: c.repId,
      text: c.text,
      due: '2026-12-04',
      dueInput: 'next Friday',
      statedBy: REP,
      statedAt: NOW_ISO,
      status: 'open',
      renegotiatedFrom: 'c1',
    });
    expect(commitmentSchema.safeParse(closed).success).toBe(true);
    expect(commitmentSchema.safeParse(opened).success).toBe(true);
  });

  it('keeps the promise as the rep’s when a manager moves it', () => {
    const { opened } = renegotiateCommitment(commitment(), { ...args, by: MANAGER });
    expect(opened.statedBy).toEqual(REP);
    expect(opened.recordedBy).toEqual(MANAGER);
  });

  it('refuses a resolved commitment or a bad date', () => {
    const missed = resolveCommitment(commitment(), 'missed', '', REP, NOW_ISO);
    expect(() => renegotiateCommitment(missed, { ...args, by: REP })).toThrow('already resolved');
    expect(() => renegotiateCommitment(commitment(), { ...args, newDue: 'Friday', by: REP })).toThrow();
    const mislabelled = commitment({ status: 'open', resolution: { outcome: 'kept', note: 'signed on time', by: REP, at: NOW_ISO } });
    expect(() => renegotiateCommitment(mislabelled, { ...args, by: REP })).toThrow('already resolved');
  });
});

describe('newDueRefusal', () => {
  it('a renegotiated date is today or later in the user’s zone, and not the date it already has', () => {
    const c = commitment({ due: '2026-11-20' });
    expect(newDueRefusal(c, '2026-11-24', NOW, NY)).toMatch(/has passed/);
    expect(newDueRefusal(c, '2026-11-25', NOW, NY)).toBeNull(); // "by the end of today"
    expect(newDueRefusal(c, '2026-12-01', NOW, NY)).toBeNull();
    // already Thursday the 26th in Auckland: Wednesday has passed there
    expect(newDueRefusal(c, '2026-11-25', NOW, 'Pacific/Auckland')).toMatch(/has passed/);
    expect(newDueRefusal(commitment({ due: '2026-12-01' }), '2026-12-01', NOW, NY)).toMatch(/already due/);
  });
});

describe('commitmentChain', () => {
  const a = commitment({ id: 'a' });
  const r1 = renegotiateCommitment(a, { newDue: '2026-12-01', reason: 'r', note: 'n', by: REP, nowIso: NOW_ISO, newId: 'b' });
  const r2 = renegotiateCommitment(r1.opened, { newDue: '2026-12-08', reason: 'r', note: 'n', by: REP, nowIso: NOW_ISO, newId: 'c' });
  const other = commitment({ id: 'x', text: 'other promise' });
  const all = [r2.opened, other, r1.closed, r2.closed];

  it('from the original to the latest, whichever link is asked for', () => {
    for (const id of ['a', 'b', 'c']) {
      expect(commitmentChain(all, id).map((c) => c.id)).toEqual(['a', 'b', 'c']);
    }
    expect(commitmentChain(all, 'c').map((c) => c.status)).toEqual(['renegotiated', 'renegotiated', 'open']);
  });

  it('a lone promise is its own chain; unknown ids give nothing', () => {
    expect(commitmentChain(all, 'x')).toEqual([other]);
    expect(commitmentChain(all, 'nope')).toEqual([]);
  });

  it('survives a cycle in corrupted data', () => {
    const p = commitment({ id: 'p', renegotiatedFrom: 'q' });
    const q = commitment({ id: 'q', renegotiatedFrom: 'p' });
    expect(commitmentChain([p, q], 'p').length).toBe(2);
  });
});

describe('sortCommitments', () => {
  it('due first (oldest due), then upcoming (soonest), then resolved (newest first)', () => {
    const list = [
      commitment({ id: 'later', due: '2026-12-10' }),
      resolveCommitment(commitment({ id: 'res-old', due: '2026-11-01' }), 'kept', '', REP, '2026-11-02T00:00:00.000Z'),
      commitment({ id: 'due-today', due: '2026-11-25' }),
      commitment({ id: 'soon', due: '2026-11-26' }),
      resolveCommitment(commitment({ id: 'res-new', due: '2026-11-20' }), 'missed', '', REP, '2026-11-21T00:00:00.000Z'),
      commitment({ id: 'overdue', due: '2026-11-10' }),
    ];
    const input = [...list];
    expect(sortCommitments(list, NOW, NY).map((c) => c.id)).toEqual([
      'overdue',
      'due-today',
      'soon',
      'later',
      'res-new',
      'res-old',
    ]);
    expect(list).toEqual(input); // not sorted in place
    // in Auckland it is already the 26th, so "soon" is due
    expect(sortCommitments(list, NOW, 'Pacific/Auckland').map((c) => c.id).slice(0, 3)).toEqual([
      'overdue',
      'due-today',
      'soon',
    ]);
  });

  it('ties on the due date: the earlier promise first', () => {
    const x = commitment({ id: 'x', statedAt: '2026-11-21T00:00:00.000Z' });
    const y = commitment({ id: 'y', statedAt: '2026-11-20T00:00:00.000Z' });
    expect(sortCommitments([x, y], NOW, NY).map((c) => c.id)).toEqual(['y', 'x']);
  });
});
