/**
 * The weekly scorecard (issue 4): the popup asks for a week; the handler
 * reads a few index ranges (lib/db/scorecard.ts) and the pure rollup
 * (lib/scorecard/rollup.ts) does the rest.
 */
import type { RequestOf, ResponseMap } from '../messages/protocol';
import type { DB } from '../db/open';
import { getSettings } from '../db/settings';
import { readRepDetail, readScorecardWeek } from '../db/scorecard';
import { buildScorecard, weekCardOf } from '../scorecard/rollup';
import { userTimeZone } from '../dates';
import { instantBoundsCovering, scorecardWindows, snapToWeekStart, weekStartFor } from '../scorecard/week';

export interface ScorecardHandlerDeps {
  db: () => Promise<DB>;
  now?: () => Date;
  timeZone?: () => string;
}

type ScorecardTypes = 'scorecard/week' | 'scorecard/rep';
export type ScorecardHandlers = {
  [T in ScorecardTypes]: (request: RequestOf<T>) => Promise<ResponseMap[T]>;
};

export function createScorecardHandlers(deps: ScorecardHandlerDeps): ScorecardHandlers {
  const now = () => deps.now?.() ?? new Date();
  const zone = () => deps.timeZone?.() ?? userTimeZone();
  return {
    async 'scorecard/week'(req) {
      const t0 = performance.now();
      const db = await deps.db();
      const settings = await getSettings(db);
      const at = now();
      const timeZone = zone();
      const thisWeekStart = weekStartFor(at, timeZone, settings.weekStartsOn);
      const weekStart = req.weekStart
        ? snapToWeekStart(req.weekStart, settings.weekStartsOn)
        : weekStartFor(at, timeZone, settings.weekStartsOn, req.offset ?? 0);
      const t1 = performance.now();
      const { input, read } = await readScorecardWeek(db, { weekStart, now: at });
      const t2 = performance.now();
      const card = weekCardOf(buildScorecard({ ...input, weekStart, now: at, timeZone }));
      const r1 = (x: number) => Math.round(x * 10) / 10;
      // where the handler's time went (the benchmark reports it): settings and week arithmetic, reads, rollup
      read.phases = { settings: r1(t1 - t0), ...read.phases, rollup: r1(performance.now() - t2) };
      return {
        card,
        thisWeekStart,
        weekStartsOn: settings.weekStartsOn,
        theme: settings.theme,
        read,
        ms: Math.round((performance.now() - t0) * 10) / 10,
      };
    },

    async 'scorecard/rep'(req) {
      const db = await deps.db();
      const { weekStartsOn } = await getSettings(db);
      const w = scorecardWindows(snapToWeekStart(req.weekStart, weekStartsOn));
      // recent = the four weeks ending with the week shown
      return readRepDetail(db, req.repId, { week: w.week, now: now(), timeZone: zone(), recent: w.sayDo });
    },
  };
}
