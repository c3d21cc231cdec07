// A SEEDED generator for the scorecard benchmark: a year of coaching data for
// 50 reps × 40 open deals (≈2,000 deals, 30,000 commitments, 100,000 scores,
// 50,000 notes, one call review a rep a week). Same seed → same data. The
// v6 repWeeks aggregate is built by the extension's own pure functions
// (lib/scorecard/rep-weeks.ts, loaded through jiti), exactly as the write path
// and the v6 migration build it; likewise the v5 pipeline summaries
// (lib/scorecard/pipeline.ts pipelineEntriesOf).
import { createJiti } from 'jiti';

/** mulberry32: small, fast, deterministic. */
function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const DAY = 86_400_000;
const iso = (ms) => new Date(ms).toISOString();
const day = (ms) => iso(ms).slice(0, 10);
const FIRST = ['Dana', 'Sam', 'Kim', 'Alex', 'Jordan', 'Riley', 'Casey', 'Morgan', 'Taylor', 'Jamie'];
const LAST = ['Reyes', 'Ortiz', 'Park', 'Nguyen', 'Smith', 'Okafor', 'Rossi', 'Schmidt', 'Khan', 'Lopez'];
const DIMS = ['discovery', 'nextStep', 'qualification'];
const DIAG = ['skill', 'will', 'knowledge', 'system'];
const manager = { name: 'Bench Manager', role: 'manager' };

export function generateScorecardData({ seed = 4, now = Date.now(), reps: repCount = 50, dealsPerRep = 40, commitments = 30_000, scores = 100_000, notes = 50_000 } = {}) {
  const r = rng(seed);
  const pick = (xs) => xs[Math.floor(r() * xs.length)];
  const yearAgo = now - 365 * DAY;
  const out = { reps: [], deals: [], nextSteps: [], commitments: [], scores: [], notes: [], callReviews: [] };
  const dealsOf = [];
  for (let i = 0; i < repCount; i++) {
    const name = `${FIRST[i % 10]} ${LAST[Math.floor(i / 10) % 10]} ${i}`;
    const id = `salesforce:${name}`;
    out.reps.push({ id, crm: 'salesforce', name, firstSeenAt: iso(yearAgo) });
    const mine = [];
    for (let j = 0; j < dealsPerRep; j++) {
      const recordId = `006BENCH${String(i).padStart(3, '0')}${String(j).padStart(3, '0')}`;
      const key = `salesforce:acme/${recordId}`;
      // most deals were looked at this month; some not for a while
      const lastSeen = now - (r() < 0.7 ? r() * 30 : 30 + r() * 60) * DAY;
      out.deals.push({
        key,
        repId: id,
        firstSeenAt: iso(yearAgo + r() * 200 * DAY),
        lastSeenAt: iso(lastSeen),
        snapshot: {
          crm: 'salesforce',
          recordId,
          host: 'acme.lightning.force.com',
          url: `https://acme.lightning.force.com/lightning/r/Opportunity/${recordId}/view`,
          name: `Bench deal ${i}-${j}`,
          stage: pick(['Prospecting', 'Qualification', 'Proposal/Price Quote', 'Negotiation/Review']),
          owner: name,
          readAt: iso(lastSeen),
        },
      });
      const roll = r();
      if (roll >= 0.1) {
        const changed = now - (roll < 0.2 ? 20 : r() * 10) * DAY;
        const due = roll < 0.3 ? day(now - (1 + r() * 10) * DAY) : day(now + (1 + r() * 30) * DAY);
        out.nextSteps.push({ dealKey: key, text: `Next step for ${recordId}`, due, source: 'crm', textChangedAt: iso(changed), updatedAt: iso(changed) });
      }
      mine.push(key);
    }
    dealsOf.push({ id, name, deals: mine });
  }
  for (let n = 0; n < commitments; n++) {
    const rep = pick(dealsOf);
    const dueMs = yearAgo + r() * 380 * DAY;
    const stated = Math.min(dueMs - r() * 10 * DAY, now);
    const past = dueMs < now;
    const roll = r();
    const status = !past ? 'open' : roll < 0.72 ? 'kept' : roll < 0.88 ? 'missed' : roll < 0.94 ? 'open' : 'dropped';
    const c = {
      id: `c${n}`,
      dealKey: pick(rep.deals),
      repId: rep.id,
      text: `Send the proposal revision ${n}`,
      due: day(dueMs),
      statedBy: { name: rep.name, role: 'rep' },
      statedAt: iso(stated),
      recordedBy: manager,
      status,
    };
    if (status !== 'open') c.resolution = { outcome: status, note: 'Bench outcome', by: manager, at: iso(Math.min(dueMs + DAY, now)) };
    // as the app records a drop (lib/model/commitment.ts: a dropped promise says why)
    if (status === 'dropped') c.resolution.reason = 'Bench: the buyer paused the project';
    out.commitments.push(c);
  }
  for (let n = 0; n < scores; n++) {
    const rep = pick(dealsOf);
    out.scores.push({
      id: `s${n}`,
      dealKey: pick(rep.deals),
      repId: rep.id,
      dimension: pick(DIMS),
      value: 1 + Math.floor(r() * 5),
      by: manager,
      at: iso(yearAgo + r() * 365 * DAY),
      rubricVersion: '2026.1',
      source: { kind: 'sidebar' },
    });
  }
  for (let n = 0; n < notes; n++) {
    const rep = pick(dealsOf);
    const note = {
      id: `n${n}`,
      dealKey: pick(rep.deals),
      repId: rep.id,
      body: { kind: 'free', text: `Note ${n}: discovery stayed on features; ask about the cost of doing nothing next time.` },
      by: manager,
      at: iso(yearAgo + r() * 365 * DAY),
    };
    if (r() < 0.4) note.diagnosis = pick(DIAG);
    out.notes.push(note);
  }
  let k = 0;
  for (const rep of dealsOf) {
    for (let w = 0; w < 52; w++) {
      if (r() < 0.15) continue;
      const at = now - (w * 7 + r() * 7) * DAY;
      out.callReviews.push({
        id: `r${k}`,
        callKey: `gong:${k}`,
        provider: 'gong',
        callId: String(k),
        title: `Discovery call ${k}`,
        url: `https://app.gong.io/call?id=${k}`,
        repId: rep.id,
        repName: rep.name,
        status: 'completed',
        by: manager,
        rubricVersion: '2026.1',
        startedAt: iso(at - 3_600_000),
        updatedAt: iso(at),
        completedAt: iso(at),
        scores: {},
        overallNote: '',
        pins: [],
        timeSpentMs: 1_200_000,
        history: [],
      });
      k++;
    }
  }
  return out;
}

/** The repWeeks records for the commitments, scores and notes, by the extension's own functions, in `timeZone`. */
export async function repWeeksFor({ commitments, scores, notes }, timeZone) {
  const jiti = createJiti(import.meta.url);
  const { countedScores, repWeeksOfRecords } = await jiti.import('../../lib/scorecard/rep-weeks.ts');
  return repWeeksOfRecords({ commitments, scores: countedScores(scores), notes }, timeZone);
}

/**
 * The v5 `pipeline` summaries (one per deal, with its next step), by the
 * extension's own pure function (lib/scorecard/pipeline.ts pipelineEntriesOf),
 * exactly as the write path and the v5 migration build them.
 */
export async function pipelineFor(deals, nextSteps) {
  const jiti = createJiti(import.meta.url);
  const { pipelineEntriesOf } = await jiti.import('../../lib/scorecard/pipeline.ts');
  return pipelineEntriesOf(deals, nextSteps);
}

/** The v6 per-rep buckets of those summaries (lib/scorecard/rep-pipeline.ts repPipelinesOf), as of `now`. */
export async function repPipelinesFor(entries, now) {
  const jiti = createJiti(import.meta.url);
  const { repPipelinesOf } = await jiti.import('../../lib/scorecard/rep-pipeline.ts');
  const { dealsSeenSince } = await jiti.import('../../lib/scorecard/week.ts');
  return repPipelinesOf(entries, dealsSeenSince(now));
}

/** The v13 per-rep counts of open promises by due day (lib/scorecard/rep-open-dues.ts repOpenDuesOf). */
export async function repOpenDuesFor(commitments) {
  const jiti = createJiti(import.meta.url);
  const { repOpenDuesOf } = await jiti.import('../../lib/scorecard/rep-open-dues.ts');
  return repOpenDuesOf(commitments);
}

/**
 * Write everything straight into the extension's IndexedDB from an extension
 * page (the database belongs to the extension origin). The background must
 * have created the database already (any request does).
 */
export async function writeIntoExtensionDb(page, data, chunk = 10_000) {
  for (const [store, records] of Object.entries(data)) {
    for (let i = 0; i < records.length; i += chunk) {
      await page.evaluate(
        async ({ store, rows }) => {
          const db = await new Promise((res, rej) => {
            const req = indexedDB.open('dealside');
            req.onsuccess = () => res(req.result);
            req.onerror = () => rej(req.error);
          });
          await new Promise((res, rej) => {
            const tx = db.transaction(store, 'readwrite');
            for (const row of rows) tx.objectStore(store).put(row);
            tx.oncomplete = res;
            tx.onerror = () => rej(tx.error);
            tx.onabort = () => rej(tx.error);
          });
          db.close();
        },
        { store, rows: records.slice(i, i + chunk) },
      );
    }
  }
}

/** Records per store, read from an extension page. */
export function storeSizes(page) {
  return page.evaluate(async () => {
    const db = await new Promise((res, rej) => {
      const req = indexedDB.open('dealside');
      req.onsuccess = () => res(req.result);
      req.onerror = () => rej(req.error);
    });
    const names = [...db.objectStoreNames];
    const tx = db.transaction(names);
    const counts = await Promise.all(names.map((n) => new Promise((res) => (tx.objectStore(n).count().onsuccess = (e) => res(e.target.result)))));
    db.close();
    return Object.fromEntries(names.map((n, i) => [n, counts[i]]));
  });
}
