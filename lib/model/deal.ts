import { z } from 'zod';
import { crmIdSchema, dealKeySchema, isoDate, isoInstant, repIdSchema } from './common';

const pageText = (max: number) => z.string().trim().min(1).max(max);

const amountReadSchema = z.object({
  text: pageText(100),
  value: z.number().finite().optional(),
  currency: z.string().regex(/^[A-Z]{3}$/).optional(),
});

const dateReadSchema = z.object({
  text: pageText(100),
  iso: isoDate.optional(),
});

/**
 * What a content script reports. Everything it says is page-controlled and
 * untrusted: every field is bounded, and unknown keys are dropped.
 */
export const dealSnapshotSchema = z.object({
  crm: crmIdSchema,
  recordId: z.string().regex(/^[A-Za-z0-9_\-{}.]{1,80}$/, 'odd record id'),
  host: z.string().max(253).regex(/^[a-z0-9.-]+(:\d+)?$/i),
  url: z.url({ protocol: /^https?$/ }).max(2048),
  name: pageText(300).optional(),
  amount: amountReadSchema.optional(),
  stage: pageText(120).optional(),
  closeDate: dateReadSchema.optional(),
  owner: pageText(120).optional(),
  nextStep: z
    // '' when the page shows the field blank: the step was cleared in the CRM
    .object({ text: z.string().trim().max(1000), date: dateReadSchema.optional() })
    .optional(),
  locale: z.string().max(35).regex(/^[a-z]{2,3}(?:[-_][a-z0-9]{1,8})*$/i).optional(),
  readAt: isoInstant,
});
export type DealSnapshotData = z.infer<typeof dealSnapshotSchema>;

/** A deal as stored: the latest snapshot plus when it was first and last seen. */
export const dealRecordSchema = z.object({
  key: dealKeySchema,
  snapshot: dealSnapshotSchema,
  repId: repIdSchema.optional(),
  firstSeenAt: isoInstant,
  lastSeenAt: isoInstant,
});
export type DealRecord = z.infer<typeof dealRecordSchema>;
