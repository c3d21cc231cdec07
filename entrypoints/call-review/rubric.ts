/**
 * The sidebar's rubric, shaped for the panel's three groups. The text and
 * version come from lib/rubric.ts (the one rubric Dealside has); nothing is
 * redefined here.
 */
import type { ScoreDimension } from '../../lib/model';
import { RUBRIC } from '../../lib/rubric';

export interface DimensionView {
  key: ScoreDimension;
  /** accessible name of the radio group */
  label: 'Discovery' | 'Next step' | 'Qualification';
  hint?: string;
  /** rubric text for 1…5 */
  levels: readonly string[];
}

export const DIMENSIONS: readonly DimensionView[] = RUBRIC.map((d) => ({
  key: d.key,
  label: d.label,
  hint: d.question,
  levels: d.levels.map((l) => `${l.title}. ${l.behaviour}`),
}));
