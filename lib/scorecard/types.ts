/**
 * The weekly scorecard's shapes: what the rollup takes in (the records the handler
 * reads), and the card it gives back, whole and as the popup's table receives it.
 * Types only: the popup, the CSV/text export and the message protocol name them;
 * rollup.ts and its helpers (attention.ts, pipeline-health.ts, ask-items.ts) fill them in.
 */
import type { Commitment, DealRecord, Diagnosis, NextStep, NextStepStatus, Rep, ScoreDimension } from '../model';
import type { RepWeek } from './rep-weeks';
import type { RepOpenDues } from './rep-open-dues';

/** The fields of a deal the rollup reads (a DealRecord has them all). */
export type ScorecardDeal = Pick<DealRecord, 'key' | 'repId' | 'lastSeenAt'> & {
  snapshot: { stage?: string | undefined; name?: string | undefined; url: string };
};
/** The fields of a next step the rollup reads (a NextStep has them all). */
export type ScorecardStep = Pick<NextStep, 'text' | 'due' | 'textChangedAt' | 'doneAt' | 'crmClearedAt'>;

export interface ScorecardInput {
  /** first day of the week (already snapped to the user's week start) */
  weekStart: string;
  now: Date;
  timeZone: string;
  reps: readonly Rep[];
  /** per-day counts of the weeks overlapping the eight sparkline weeks (days outside are ignored) */
  weeks: readonly RepWeek[];
  /** completed call reviews around the week */
  reviews: readonly { repId?: string | undefined; completedAt?: string | undefined }[];
  /** deals seen recently, each with its next step (full records, or the `pipeline` summaries: lib/scorecard/pipeline.ts) */
  deals: readonly { deal: ScorecardDeal; nextStep: ScorecardStep | null }[];
  /** per rep, its promises still open by due day (v13 `repOpenDues`): those due before the eight weeks count too (none when left out) */
  openDues?: readonly Pick<RepOpenDues, 'repId' | 'days' | 'counts'>[];
}

export interface AskItem {
  id: string;
  dealKey: string;
  dealName: string | null;
  url: string | null;
  text: string;
  due: string;
  /**
   * open-past-due | due-today (open: due, so the 1:1 asks what happened, as the sidebar does) |
   * open (due later) | kept | missed | renegotiated | dropped
   */
  state: 'open-past-due' | 'due-today' | 'open' | Exclude<Commitment['status'], 'open'>;
  /** "You committed to … by …." */
  lead: string;
  outcomeNote?: string;
  /** why it was renegotiated or dropped */
  reason?: string;
  /** the date a renegotiated promise moved to */
  newDue?: string;
}

export interface ProblemDeal {
  key: string;
  name: string;
  url: string;
  status: NextStepStatus;
  nextStep?: string;
  due?: string;
}

export interface DimensionStats {
  /** average for the week, null when unscored */
  week: number | null;
  weekCount: number;
  /** pooled average of the four weeks before */
  trailing: number | null;
  trailingCount: number;
  /** week − trailing, null when either is missing */
  change: number | null;
  /** weekly averages, oldest first, the last is this week */
  spark: (number | null)[];
}

export interface RepScorecard {
  rep: { id: string; name: string; crm: string };
  commitments: {
    due: number;
    kept: number;
    missed: number;
    openPastDue: number;
    open: number;
    renegotiated: number;
    dropped: number;
    /**
     * Promises due in the weeks before this one (within the sparkline's 8 weeks) and still
     * open: the week turning must not let a question nobody answered drop off the card.
     */
    openEarlier: number;
  };
  sayDo: { kept: number; resolved: number; ratio: number | null };
  nextStep: {
    deals: number;
    covered: number;
    coverage: number | null;
    none: number;
    noDate: number;
    overdue: number;
    dueToday: number;
    stale: number;
    done: number;
  };
  scores: Record<ScoreDimension, DimensionStats>;
  reviews: { completed: number; target: number };
  diagnoses: Record<Diagnosis, number>;
  reasons: string[];
  attention: boolean;
  /**
   * Nothing on the card's record for the rep: no promise due this week, settled over the four
   * weeks ending with it or open past its date; no open deal seen; no score over the week and
   * the four before it (the trend's windows); no call review or diagnosed note this week. Not flagged (there is
   * nothing to coach from), but not "on track" either: the table and the summary say so.
   */
  quiet: boolean;
  problemDeals: ProblemDeal[];
}

export interface Scorecard {
  weekStart: string;
  weekEnd: string;
  label: string;
  today: string;
  timeZone: string;
  /** attention first (most reasons first), then on track; each by name */
  rows: RepScorecard[];
  attention: number;
  onTrack: number;
  /** sparkline week starts, oldest first */
  sparkWeeks: string[];
}

/**
 * What the popup's table receives: the card without each rep's problem-deal
 * list, which only the 1:1 view shows and which was over half the message
 * (the 1:1 view asks for its rep's list: lib/db/scorecard.ts readRepDetail).
 */
export type WeekRow = Omit<RepScorecard, 'problemDeals'>;
export type WeekCard = Omit<Scorecard, 'rows'> & { rows: WeekRow[] };
