/**
 * The popup's early request (entrypoints/popup-early.ts): what it asks and
 * where it leaves the pending answer for App.tsx. Zod-free, so the early
 * script stays a few hundred bytes.
 */
export const THIS_WEEK_REQUEST = { type: 'scorecard/week', offset: 0 } as const;
export const EARLY_WEEK_GLOBAL = '__dealsideEarlyWeek';
