/**
 * How far ahead of this computer's clock a stored or restored instant may be: another
 * computer's clock (a backup written there), or this one before it was set right, may run a
 * little fast. Anything later is damage (or a forged file): a score dated 2099 would stay the
 * "current" score forever, and a stamp made just after it would date every later record after it.
 * Held to by a restore (lib/backup/plan.ts) and by the stamps new records take after stored ones
 * (lib/handlers/deals.ts, lib/handlers/call-reviews.ts).
 */
export const CLOCK_SKEW_MS = 24 * 60 * 60 * 1000;
