/**
 * The popup's early request (entrypoints/popup-early.ts): what it asks and
 * where it leaves the pending answer for App.tsx. Zod-free, so the early
 * script stays a few hundred bytes.
 */
export const THIS_WEEK_REQUEST = { type: 'scorecard/week', offset: 0 } as const;
export const EARLY_WEEK_GLOBAL = '__dealsideEarlyWeek';
/** Where popup-early.js leaves its read of the kept card (lib/scorecard/week-cache.ts) for App.tsx. */
export const EARLY_KEPT_GLOBAL = '__dealsideEarlyKept';
