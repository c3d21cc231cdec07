import { foldedOpenDues, foldedRepPipeline, foldedRepWeek } from '../../../lib/scorecard/merge-derived';
import { commitmentChanges, repWeeksOf } from '../../../lib/scorecard/rep-weeks';
import { repOpenDuesOf } from '../../../lib/scorecard/rep-open-dues';
import type { PipelineRow } from '../../../lib/scorecard/rep-pipeline';
import { DANA, commitment } from '../support/records';

const VARIANT = 'salesforce:dana reyes';

describe('folding a merged rep’s scorecard aggregates into the kept rep’s', () => {
  // written apart, then folded, they give what writing every record under the kept rep gives
  const mine = [commitment('a', '2026-11-16'), commitment('b', '2026-11-18', { status: 'kept' })];
  const theirs = [commitment('c', '2026-11-16', { repId: VARIANT }), commitment('d', '2026-11-09', { repId: VARIANT })];
  const asOne = [...mine, ...theirs].map((c) => ({ ...c, repId: DANA }));

  it('weeks: counts add, day by day', () => {
    const weeksOf = (cs: typeof mine) => repWeeksOf(cs.flatMap((c) => commitmentChanges(null, c)));
    const kept = weeksOf(mine).find((w) => w.week === '2026-11-16');
    const merged = weeksOf(theirs).find((w) => w.week === '2026-11-16')!;
    expect(foldedRepWeek(kept, merged, DANA)).toEqual(weeksOf(asOne).find((w) => w.week === '2026-11-16'));
    // a week only the merged rep had becomes the kept rep's as it was
    const only = weeksOf(theirs).find((w) => w.week === '2026-11-09')!;
    expect(foldedRepWeek(undefined, only, DANA)).toEqual({ ...only, repId: DANA });
  });

  it('open promises: counts add on each due day', () => {
    const [kept] = repOpenDuesOf(mine);
    const [merged] = repOpenDuesOf(theirs);
    expect(foldedOpenDues(kept, merged!, DANA)).toEqual(repOpenDuesOf(asOne)[0]);
    expect(foldedOpenDues(undefined, merged!, DANA)).toEqual({ ...merged, repId: DANA });
  });

  it('deals seen lately: one row per deal, the one seen last', () => {
    const row = (deal: string, seen: string): PipelineRow => [deal, seen, '', '', `https://x.example/${deal}`, '', '', '', ''];
    const folded = foldedRepPipeline(
      { repId: DANA, rows: [row('a', '2026-11-20T00:00:00.000Z'), row('b', '2026-11-22T00:00:00.000Z')] },
      { repId: VARIANT, rows: [row('b', '2026-11-21T00:00:00.000Z'), row('c', '2026-11-19T00:00:00.000Z')] },
      DANA,
    );
    expect(folded.repId).toBe(DANA);
    expect(folded.rows.map((r) => [r[0], r[1]])).toEqual([
      ['a', '2026-11-20T00:00:00.000Z'],
      ['b', '2026-11-22T00:00:00.000Z'],
      ['c', '2026-11-19T00:00:00.000Z'],
    ]);
  });
});
