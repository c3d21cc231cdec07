import { describe, expect, it } from 'vitest';
import { createReadPacing } from '../../../lib/page/read-pacing';

describe('read pacing', () => {
  const options = { settleMs: 40, maxMs: 1000, quietMs: 1000 };

  it('waits the settle time after the first mutation', () => {
    expect(createReadPacing(options).mutated(0)).toBe(40);
  });

  it('doubles the wait after each read that found nothing new, up to the longest wait', () => {
    const p = createReadPacing(options);
    let t = 0;
    const waits: number[] = [];
    // a page that keeps mutating (every 10 ms) without changing the record
    for (let i = 0; i < 8; i++) {
      const wait = p.mutated(t);
      waits.push(wait);
      t += wait;
      p.readEnded('unchanged', t);
      t += 10;
    }
    expect(waits).toEqual([40, 80, 160, 320, 640, 1000, 1000, 1000]);
  });

  it('is quick again after a read that found a change', () => {
    const p = createReadPacing(options);
    p.mutated(0);
    p.readEnded('unchanged', 40);
    expect(p.mutated(50)).toBe(80);
    p.readEnded('changed', 130);
    expect(p.mutated(140)).toBe(40);
  });

  it('stays quick while the record is not rendered (the first read is what the sidebar waits on)', () => {
    const p = createReadPacing(options);
    for (let t = 0; t < 500; t += 50) {
      expect(p.mutated(t)).toBe(40);
      p.readEnded('not-rendered', t + 40);
    }
  });

  it('is quick again when the page mutates after being quiet (an inline edit on a settled page)', () => {
    const p = createReadPacing(options);
    let t = 0;
    for (let i = 0; i < 4; i++) {
      t += p.mutated(t);
      p.readEnded('unchanged', t);
      t += 10;
    }
    expect(p.mutated(t)).toBe(640);
    p.readEnded('unchanged', t + 640);
    // 999 ms after that read: still busy
    expect(p.mutated(t + 640 + 999)).toBe(1000);
    p.readEnded('unchanged', t + 640 + 999 + 1000);
    // a full second of quiet after the last read
    expect(p.mutated(t + 640 + 999 + 1000 + 1000)).toBe(40);
  });
});
