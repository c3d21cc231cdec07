import { describe, expect, it } from 'vitest';
import { RUBRIC, RUBRIC_VERSION, rubricFor } from '../../lib/rubric';
import { SCORE_DIMENSIONS } from '../../lib/model';

describe('rubric', () => {
  it('has a version a score can record', () => {
    expect(RUBRIC_VERSION).toBe('2026.1');
    expect(RUBRIC_VERSION.length).toBeLessThanOrEqual(40);
  });

  it('covers the three dimensions in order', () => {
    expect(RUBRIC.map((d) => d.key)).toEqual(['discovery', 'nextStep', 'qualification']);
    expect(RUBRIC.map((d) => d.label)).toEqual(['Discovery', 'Next step', 'Qualification']);
    for (const key of SCORE_DIMENSIONS) expect(rubricFor(key).key).toBe(key);
  });

  it.each(RUBRIC.map((d) => [d.label, d] as const))('%s has five distinct levels, 1 to 5', (_label, dim) => {
    expect(dim.question.trim()).not.toBe('');
    expect(dim.levels.map((l) => l.score)).toEqual([1, 2, 3, 4, 5]);
    for (const level of dim.levels) {
      expect(level.title.trim()).not.toBe('');
      expect(level.behaviour.trim().length).toBeGreaterThan(20);
    }
    expect(new Set(dim.levels.map((l) => l.behaviour)).size).toBe(5);
    expect(new Set(dim.levels.map((l) => l.title)).size).toBe(5);
  });

  it('no behaviour is reused across dimensions', () => {
    const all = RUBRIC.flatMap((d) => d.levels.map((l) => l.behaviour));
    expect(new Set(all).size).toBe(15);
  });
});
