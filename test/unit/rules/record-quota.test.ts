import { createQuota, NEW_DEALS, NEW_REPS } from '../../../lib/rules/record-quota';

describe('createQuota (new records a site may create)', () => {
  it('allows a burst, then one more after each refill wait, per site', () => {
    const q = createQuota({ burst: 3, refillMs: 1000 });
    for (let i = 0; i < 3; i++) {
      expect(q.allows('a.example.com', 0)).toBe(true);
      q.spend('a.example.com', 0);
    }
    expect(q.allows('a.example.com', 0)).toBe(false);
    expect(q.allows('a.example.com', 999)).toBe(false);
    expect(q.allows('a.example.com', 1000)).toBe(true);
    q.spend('a.example.com', 1000);
    expect(q.allows('a.example.com', 1500)).toBe(false);
    // another site has its own
    expect(q.allows('b.example.com', 0)).toBe(true);
  });

  it('refills no more than the burst, however long the wait', () => {
    const q = createQuota({ burst: 2, refillMs: 1000 });
    q.spend('s', 0);
    let allowed = 0;
    for (; q.allows('s', 1_000_000); allowed++) q.spend('s', 1_000_000);
    expect(allowed).toBe(2);
  });

  it('a clock set back gives nothing back', () => {
    const q = createQuota({ burst: 1, refillMs: 1000 });
    q.spend('s', 10_000);
    expect(q.allows('s', 0)).toBe(false);
    expect(q.allows('s', 11_000)).toBe(true);
  });

  it('the defaults leave room for a fast pipeline review: a new deal every 5 s for 9 minutes, or every 10 s for hours', () => {
    const refusals = (everyMs: number, forMs: number) => {
      const deals = createQuota(NEW_DEALS);
      let refused = 0;
      for (let t = 0; t < forMs; t += everyMs) {
        if (deals.allows('crm', t)) deals.spend('crm', t);
        else refused++;
      }
      return refused;
    };
    expect(refusals(5000, 9 * 60_000)).toBe(0);
    expect(refusals(10_000, 3 * 3_600_000)).toBe(0);
    // faster than that for long is refused in part
    expect(refusals(5000, 30 * 60_000)).toBeGreaterThan(0);
    // a page creating deals as fast as it can gets its burst, then six a minute
    const flood = createQuota(NEW_DEALS);
    let made = 0;
    for (let t = 0; t < 60_000; t += 10) if (flood.allows('evil', t)) (flood.spend('evil', t), made++);
    expect(made).toBeLessThanOrEqual(NEW_DEALS.burst + 6);
    expect(NEW_REPS.burst).toBeLessThan(NEW_DEALS.burst);
  });

  it('keeps its buckets as plain data to start again from, leaving out the full ones', () => {
    const q = createQuota({ burst: 2, refillMs: 1000 });
    q.spend('a', 0);
    q.spend('a', 0);
    q.spend('b', 0);
    expect(q.state(500)).toEqual({ a: { tokens: 0, at: 0 }, b: { tokens: 1, at: 0 } });
    const again = createQuota({ burst: 2, refillMs: 1000 }, q.state(500));
    expect(again.allows('a', 500)).toBe(false);
    expect(again.allows('a', 1000)).toBe(true);
    // b is full again by 1000: as good as none, so not kept
    expect(Object.keys(q.state(1000))).toEqual(['a']);
    // anything else stored under a site is no bucket
    expect(createQuota({ burst: 1, refillMs: 1000 }, { x: { tokens: 'lots', at: 0 } } as never).allows('x', 0)).toBe(true);
  });
});
