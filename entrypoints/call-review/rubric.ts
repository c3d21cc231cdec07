/**
 * The sidebar's rubric, shaped for the panel's three groups. The text and
 * version come from lib/rubric.ts (the one rubric Dealside has); nothing is
 * redefined here.
 */
import type { ScoreDimension } from '../../lib/model';

export interface DimensionView {
  key: ScoreDimension;
  /** accessible name of the radio group */
  label: 'Discovery' | 'Next step' | 'Qualification';
  hint?: string;
  /** rubric text for 1…5 */
  levels: readonly string[];
}

// PENDING lib/rubric.ts (sidebar engineer): replaced by an adapter over its exports.
export const DIMENSIONS: readonly DimensionView[] = [
  { key: 'discovery', label: 'Discovery', levels: ['', '', '', '', ''] },
  { key: 'nextStep', label: 'Next step', levels: ['', '', '', '', ''] },
  { key: 'qualification', label: 'Qualification', levels: ['', '', '', '', ''] },
];
