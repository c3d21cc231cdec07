import { z } from 'zod';
import { dealKeySchema, isoDate, isoInstant } from './common';

/**
 * The deal's next step as Dealside tracks it. Text comes from the CRM field
 * when the page shows one, else from the sidebar. `textChangedAt` is when the
 * text last differed from what we had (drives "Stale"); `doneAt` clears when
 * the text changes.
 */
export const nextStepSchema = z.object({
  dealKey: dealKeySchema,
  text: z.string().trim().max(1000),
  due: isoDate.optional(),
  source: z.enum(['crm', 'sidebar']),
  textChangedAt: isoInstant,
  doneAt: isoInstant.optional(),
  updatedAt: isoInstant,
  /**
   * A step typed in the sidebar over the CRM's: the CRM's step as it stood then. It stands
   * until the CRM's step differs from this (lib/rules/next-step.ts, mergeCrmNextStep).
   */
  crmBasis: z.object({ text: z.string().trim().max(1000), due: isoDate.optional() }).optional(),
  /**
   * When the CRM's page showed its next-step field blank: the step reads "No next step",
   * and is kept (not erased) so that the same text shown again restores it as it was,
   * its "Done" and Stale clock included (a field can show blank for a moment, mid-edit).
   */
  crmClearedAt: isoInstant.optional(),
});
export type NextStep = z.infer<typeof nextStepSchema>;

export const NEXT_STEP_STATUSES = [
  'No next step',
  'Done',
  'No date',
  'Overdue',
  'Due today',
  'Stale',
  'Scheduled',
] as const;
export type NextStepStatus = (typeof NEXT_STEP_STATUSES)[number];
