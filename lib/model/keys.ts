/**
 * Plain constants and key builders the UI needs at run time. No zod here:
 * importing a schema module would pull the validator into every page bundle.
 */
export const SCORE_DIMENSION_KEYS = ['discovery', 'nextStep', 'qualification'] as const;

/** The draft of a deal's coaching note; cleared in the same transaction that saves the note. */
export const noteDraftKey = (dealKey: string) => `note:${dealKey}`;
