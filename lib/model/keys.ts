/**
 * Plain constants and key builders the UI needs at run time. No zod here:
 * importing a schema module would pull the validator into every page bundle.
 */
export const SCORE_DIMENSION_KEYS = ['discovery', 'nextStep', 'qualification'] as const;

/** The draft of a deal's coaching note; cleared in the same transaction that saves the note. */
export const noteDraftKey = (dealKey: string) => `note:${dealKey}`;

/** What is typed about the outcomes of a deal's open promises, before each is recorded (fields `{id}/{field}`). */
export const outcomeDraftKey = (dealKey: string) => `outcome:${dealKey}`;

/** A next step being typed on a deal (the sidebar's form). */
export const nextStepDraftKey = (dealKey: string) => `nextstep:${dealKey}`;

/** A new promise being typed on a deal: its words and its date. */
export const commitmentDraftKey = (dealKey: string) => `commitment:${dealKey}`;

/** The deal a coaching-note draft belongs to (`noteDraftKey`'s inverse); undefined for any other draft. */
export function noteDraftDealKey(draftKey: string): string | undefined {
  return draftKey.startsWith('note:') ? draftKey.slice('note:'.length) : undefined;
}
