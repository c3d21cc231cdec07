import type { DBSchema } from 'idb';
import type {
  CallReview,
  Commitment,
  DealRecord,
  Draft,
  NextStep,
  Note,
  Rep,
  Score,
  SettingsStored,
} from '../model';
import type { ScoreDay } from '../scorecard/aggregate';
import type { RepWeek, RepWeekKey } from '../scorecard/rep-weeks';
import type { RepPipeline } from '../scorecard/rep-pipeline';
import type { RepOpenDues } from '../scorecard/rep-open-dues';
import type { PipelineEntry } from '../scorecard/pipeline';

export const DB_NAME = 'dealside';

/**
 * The typed IndexedDB schema (idb's DBSchema). Stores and indexes are created
 * by the numbered migrations in `migrations.ts`; this type is their sum.
 *
 * Index keys: compound indexes let the scorecard read one rep's week with a
 * key range instead of scanning a store.
 */
export interface DealsideDB extends DBSchema {
  deals: {
    key: string; // DealRecord.key
    value: DealRecord;
    indexes: { byRep: string; byLastSeen: string };
  };
  /** keyed by `repIdOf` (CRM and owner name); since v14 no two of one CRM have names that differ only in case or spacing (lib/model/rep-merge.ts) */
  reps: { key: string; value: Rep };
  commitments: {
    key: string;
    value: Commitment;
    indexes: { byDeal: string; byRepDue: [string, string]; byDue: string; byRepStatusDue: [string, string, string] };
  };
  nextSteps: { key: string; value: NextStep }; // key: dealKey
  scores: {
    key: string;
    value: Score;
    /** byReview (v10): `source.reviewId`, on scores given by a call review only */
    indexes: { byDeal: string; byRepAt: [string, string]; byReview: string };
  };
  notes: {
    key: string;
    value: Note;
    indexes: { byDeal: string; byRepAt: [string, string]; byAt: string };
  };
  drafts: { key: string; value: Draft };
  /** as stored: older versions wrote fewer fields (read through settingsSchema, which fills them) */
  settings: { key: 'settings'; value: SettingsStored };
  callReviews: {
    key: string;
    value: CallReview;
    indexes: { byCall: string; byDeal: string; byRepUpdated: [string, string]; byCompletedAt: string };
  };
  /** v4–v5 only: per rep and calendar day, each score dimension's sum and count; v6 replaced it with `repWeeks` and deleted it */
  scoreDays: {
    key: [string, string]; // [repId, day]
    value: ScoreDay;
    indexes: { byDay: string };
  };
  /** v5: per deal, what next-step health needs: rep, last seen, stage, name, link, next step (lib/scorecard/pipeline.ts); since v6 the source of `repPipelines` */
  pipeline: {
    key: string; // dealKey
    value: PipelineEntry;
    indexes: { byLastSeen: string };
  };
  /** v6: per Monday week and rep, the scorecard's per-day counts: commitments due by status, scores, diagnoses (lib/scorecard/rep-weeks.ts) */
  repWeeks: {
    key: RepWeekKey; // [week, repId]
    value: RepWeek;
  };
  /** v6: per rep, one row per deal seen in the last 30 days with its next step (lib/scorecard/rep-pipeline.ts) */
  repPipelines: {
    key: string; // repId
    value: RepPipeline;
  };
  /** v13: per rep, how many promises are still open by due day (lib/scorecard/rep-open-dues.ts) */
  repOpenDues: {
    key: string; // repId
    value: RepOpenDues;
  };
}

export type StoreName = keyof DealsideDB & string;
