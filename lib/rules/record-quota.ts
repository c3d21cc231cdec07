/**
 * How many new records a site's pages may have Dealside create: a token bucket per site.
 *
 * A deal page's report creates the deal the first time it is seen, and a rep the first time
 * an owner name is seen. A page's own scripts can send such reports (they run beside the
 * CRM's, and can move the address the report is checked against), so a hostile or broken
 * page could otherwise fill the database, and the scorecard's rep list, without end. A
 * person opening deals one after another, even in a fast pipeline review, stays far inside
 * the defaults; a page that goes past them has its new records refused for a while, and
 * everything already known keeps working.
 *
 * Pure: the caller passes the time, so tests need no clock. The buckets are plain data
 * (`state`), which the background keeps in storage.session (lib/handlers/record-quotas.ts):
 * a worker that stops after 30 s idle and starts again must not start with full buckets, or a
 * page that paused for it would get a new burst every half minute.
 */
export interface QuotaRule {
  /** records a site may create at once, from full */
  burst: number;
  /** one more allowed after each such wait, up to `burst` */
  refillMs: number;
}

/** Deals: 60 at once (a long pipeline review), then one every 10 s (six a minute). */
export const NEW_DEALS: QuotaRule = { burst: 60, refillMs: 10_000 };
/** Reps (owner names): 20 at once (a team's first day), then one a minute. */
export const NEW_REPS: QuotaRule = { burst: 20, refillMs: 60_000 };

export interface Quota {
  /** may `site` create one more record at `nowMs`? */
  allows(site: string, nowMs: number): boolean;
  /** one record created by `site` at `nowMs` */
  spend(site: string, nowMs: number): void;
  /** the buckets not yet full again at `nowMs` (a full one is as good as none): to keep, and start from */
  state(nowMs: number): QuotaState;
}

/** Per site: the records it may still create, as of `at`. */
export type QuotaState = Record<string, { tokens: number; at: number }>;

/** `initial`: buckets as kept (`state`), read back from storage: anything that is not one is left out. */
export function createQuota(rule: QuotaRule, initial: unknown = {}): Quota {
  const kept = initial && typeof initial === 'object' && !Array.isArray(initial) ? Object.entries(initial) : [];
  const buckets = new Map(kept.filter((entry): entry is [string, { tokens: number; at: number }] => isBucket(entry[1])));
  const level = (site: string, nowMs: number) => {
    const bucket = buckets.get(site);
    if (!bucket) return rule.burst;
    // a clock set back refills nothing (and takes nothing back)
    return Math.min(rule.burst, bucket.tokens + Math.max(0, nowMs - bucket.at) / rule.refillMs);
  };
  return {
    allows: (site, nowMs) => level(site, nowMs) >= 1,
    spend(site, nowMs) {
      buckets.set(site, { tokens: level(site, nowMs) - 1, at: nowMs });
    },
    state(nowMs) {
      for (const site of [...buckets.keys()]) if (level(site, nowMs) >= rule.burst) buckets.delete(site);
      return Object.fromEntries(buckets);
    },
  };
}

/** A bucket as kept (storage holds whatever was written: anything else is no bucket). */
function isBucket(b: unknown): b is { tokens: number; at: number } {
  const o = b as { tokens?: unknown; at?: unknown } | null;
  return !!o && typeof o === 'object' && Number.isFinite(o.tokens) && Number.isFinite(o.at);
}
