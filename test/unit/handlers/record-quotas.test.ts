/**
 * The new-deal quota (60 at once, then one every 10 s per site) outlives the MV3 worker: it
 * stops after 30 s without events and starts again, and its buckets come back from
 * storage.session, not full. A page that spends the burst and then waits for the worker to stop
 * gets no new burst.
 */
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { openDealsideDB, type DB } from '../../../lib/db/open';
import { createDealHandlers } from '../../../lib/handlers/deals';

const HOST = 'acme.lightning.force.com';
const id = (i: number) => `0065g00000${String(i).padStart(5, '0')}QAA`;
const snap = (i: number) => ({
  crm: 'salesforce' as const,
  recordId: id(i),
  host: HOST,
  url: `https://${HOST}/lightning/r/Opportunity/${id(i)}/view`,
  name: `Deal ${i}`,
  owner: 'Dana Reyes',
  readAt: '2026-11-25T10:00:00.000Z',
});

let db: DB;
beforeEach(async () => {
  fakeBrowser.reset();
  db = await openDealsideDB(`quota-restart-${Math.random()}`);
});

it('a worker restart hands a site no fresh burst of new deals', async () => {
  let t = Date.parse('2026-11-25T10:00:00.000Z');
  const worker = () => createDealHandlers({ db: async () => db, broadcast: async () => {}, now: () => new Date(t) });
  const report = (h: ReturnType<typeof worker>, i: number) => {
    const s = snap(i);
    return h['page/snapshot']({ type: 'page/snapshot', snapshot: s }, { id: 'x', url: s.url, tab: { id: 7, url: s.url }, frameId: 0 });
  };
  const createdPerRound: number[] = [];
  let next = 0;
  for (let round = 0; round < 3; round++) {
    const h = worker(); // the worker (re)started: handlers, and their quotas, made anew
    let created = 0;
    for (let k = 0; k < 70; k++) {
      try {
        await report(h, next++);
        created++;
      } catch (e) {
        // refused by the quota, and for nothing else (a storage failure would count as a refusal)
        expect(e).toMatchObject({ code: 'rate-limited' });
      }
    }
    createdPerRound.push(created);
    t += 31_000; // the page stays quiet: the worker stops after 30 s idle
  }
  // 60 at once, then one per 10 s: 3.1 tokens back over the first 31 s wait, 3.2 (0.1 left over)
  // over the second; [60, 60, 60] if each start refilled the bucket
  expect(createdPerRound).toEqual([60, 3, 3]);
});
