// The benchmark's seeded year must be data the app accepts: records that fail their
// schema are skipped on read, so the figures would be measured on fewer than counted.
import { generateScorecardData } from '../../bench/seed-scorecard.mjs';
import { commitmentSchema, noteSchema, scoreSchema } from '../../../lib/model';

describe('the benchmark seed', () => {
  const data = generateScorecardData({ now: Date.parse('2026-11-26T12:00:00Z'), reps: 5, dealsPerRep: 4, commitments: 600, scores: 300, notes: 200 });
  it.each([
    ['commitments', commitmentSchema, data.commitments],
    ['scores', scoreSchema, data.scores],
    ['notes', noteSchema, data.notes],
  ] as const)('every seeded record of %s passes its schema', (_name, schema, records) => {
    expect(records.length).toBeGreaterThan(0);
    const failing = (records as readonly unknown[]).filter((r) => !schema.safeParse(r).success);
    expect(failing).toEqual([]);
  });
  it('seeds every outcome the scorecard counts, dropped included', () => {
    expect(new Set(data.commitments.map((c) => c.status))).toEqual(new Set(['open', 'kept', 'missed', 'dropped']));
  });
});
