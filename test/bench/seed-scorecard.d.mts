// Types for the unit test that checks the benchmark's seeded year (test/unit/scorecard/bench-seed.test.ts).
export interface SeedOptions {
  seed?: number;
  now?: number;
  reps?: number;
  dealsPerRep?: number;
  commitments?: number;
  scores?: number;
  notes?: number;
}
export interface SeededYear {
  reps: unknown[];
  deals: unknown[];
  nextSteps: unknown[];
  commitments: { status: string }[];
  scores: unknown[];
  notes: unknown[];
  callReviews: unknown[];
}
export function generateScorecardData(options?: SeedOptions): SeededYear;
