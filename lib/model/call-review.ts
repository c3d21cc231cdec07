import { z } from 'zod';
import { dealKeySchema, idSchema, isoInstant, personSchema, repIdSchema } from './common';

export const callProviderSchema = z.enum(['gong', 'zoom', 'chorus', 'media']);
export type CallProvider = z.infer<typeof callProviderSchema>;

const scoreValue = z.number().int().min(1).max(5);

export const pinnedNoteSchema = z.object({
  id: idSchema,
  /** position in the recording, seconds */
  atSeconds: z.number().finite().min(0).max(24 * 3600),
  text: z.string().trim().min(1).max(2000),
  createdAt: isoInstant,
});
export type PinnedNote = z.infer<typeof pinnedNoteSchema>;

const reviewContentSchema = z.object({
  scores: z.object({
    discovery: scoreValue.optional(),
    nextStep: scoreValue.optional(),
    qualification: scoreValue.optional(),
  }),
  overallNote: z.string().max(10_000),
  pins: z.array(pinnedNoteSchema).max(500),
  timeSpentMs: z.number().int().min(0),
});

/**
 * A manager's review of one recorded call. Drafts autosave; completing marks
 * it done; edits after completion push the completed version onto `history`.
 */
export const callReviewSchema = reviewContentSchema.extend({
  id: idSchema,
  /** `${provider}:${callId}`: one review per call per reviewer */
  callKey: z.string().min(3).max(400),
  provider: callProviderSchema,
  callId: z.string().min(1).max(300),
  title: z.string().max(300),
  /** the recording's page, shown as a link (sidebar, popup): http(s) only, as the page reported it (protocol.ts) */
  url: z.url({ protocol: /^https?$/ }).max(2048),
  repId: repIdSchema.optional(),
  repName: z.string().trim().max(120).optional(),
  dealKey: dealKeySchema.optional(),
  status: z.enum(['draft', 'completed']),
  by: personSchema,
  rubricVersion: z.string().min(1).max(40),
  startedAt: isoInstant,
  updatedAt: isoInstant,
  completedAt: isoInstant.optional(),
  history: z
    .array(
      reviewContentSchema.extend({
        completedAt: isoInstant,
        supersededAt: isoInstant,
        /**
         * The deal and rep this version was completed for (a later edit may relink the draft: its
         * completion still counts where it was made). Versions kept before it was recorded have none.
         */
        linked: z
          .object({ repId: repIdSchema.optional(), repName: z.string().trim().max(120).optional(), dealKey: dealKeySchema.optional() })
          .optional(),
      }),
    )
    .max(100),
})
  // A draft's completion time, if any, is its last completed version's (an edit after completing
  // keeps it, lib/calls/review-history.ts): the scorecard counts reviews by it, so a draft never
  // completed must not carry one.
  .refine((r) => r.status === 'completed' || r.completedAt === undefined || r.completedAt === r.history.at(-1)?.completedAt, {
    message: "A draft review's completion time is its last completed version's.",
    path: ['completedAt'],
  });
export type CallReview = z.infer<typeof callReviewSchema>;
