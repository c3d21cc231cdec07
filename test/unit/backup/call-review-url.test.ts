/**
 * A call review's `url` is rendered as a link by the sidebar and the popup:
 * only http(s) addresses are stored, as only those are accepted from the
 * recording page. A backup holding another scheme restores nothing of that
 * review; one already stored (written before the check) is skipped by every
 * read, survives the database upgrade, and is repaired by a sound backup.
 */
import { callReviewSchema, type CallReview } from '../../../lib/model';
import { readBackup, type BackupEnvelope } from '../../../lib/backup/format';
import { planRestore, type ExistingKeys } from '../../../lib/backup/plan';
import { openDealsideDB, type DB } from '../../../lib/db/open';
import { exportBackup, restoreBackup } from '../../../lib/db/backup';
import { getReview, getReviewByCall, reviewsForDeal } from '../../../lib/db/call-reviews';
import { readRepDetail } from '../../../lib/db/scorecard';
import { DB_VERSION } from '../../../lib/db/migrations';
import { ACME, DANA, NY, RESTORED_AT, WRITTEN_AT, completedReview, fillThroughApp } from '../support/records';

const HOSTILE = ['file:///C:/Users/dana/Documents/passwords.txt', 'javascript:alert(document.cookie)', 'data:text/html,<script>alert(1)</script>', 'chrome-extension://abc/options.html', 'ftp://files.example.com/call.mp4'];

describe('callReviewSchema.url', () => {
  it.each(HOSTILE)('refuses %s', (url) => {
    expect(callReviewSchema.safeParse(completedReview({ url })).success).toBe(false);
  });

  it.each(['https://app.gong.io/call?id=1', 'http://intranet.acme.example/recordings/7'])('accepts %s', (url) => {
    expect(callReviewSchema.safeParse(completedReview({ url })).success).toBe(true);
  });
});

describe('a backup holding a review with another scheme', () => {
  it('counts it invalid and restores nothing of it', () => {
    const envelope = {
      format: 'dealside-backup',
      version: 2,
      exportedAt: WRITTEN_AT,
      dbVersion: 7,
      stores: { deals: [], reps: [], commitments: [], nextSteps: [], scores: [], notes: [], callReviews: HOSTILE.map((url, i) => completedReview({ id: `r${i}`, url })), drafts: [], settings: null },
    };
    const read = readBackup(envelope);
    if (!read.ok) throw new Error(read.error);
    const nothing = new Set<string>();
    const existing = {
      deals: nothing, reps: nothing, commitments: nothing, nextSteps: nothing, scores: nothing, notes: nothing, callReviews: nothing, drafts: nothing,
      damaged: { deals: nothing, reps: nothing, commitments: nothing, nextSteps: nothing, scores: nothing, notes: nothing, callReviews: nothing, drafts: nothing },
      stored: { commitments: new Map(), callReviews: new Map() },
      damagedRecords: { commitments: new Map(), callReviews: new Map() },
      settings: null,
      latestNoteAt: new Map(),
    } as ExistingKeys;
    const plan = planRestore(read.backup as BackupEnvelope, existing, RESTORED_AT);
    expect(plan.add.callReviews).toEqual([]);
    expect(plan.invalid.callReviews).toBe(HOSTILE.length);
  });
});

describe('a review stored with another scheme (before the check)', () => {
  const opened: DB[] = [];
  afterEach(() => {
    for (const db of opened.splice(0)) db.close();
    vi.restoreAllMocks();
  });
  const planted = (): CallReview => completedReview({ url: 'file:///C:/Users/dana/Documents/passwords.txt' });

  it('is skipped by every read, without failing it', async () => {
    const db = await openDealsideDB(`url-${Math.random()}`);
    opened.push(db);
    await db.put('callReviews', planted());
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    expect(await getReview(db, 'r1')).toBeNull();
    expect(await getReviewByCall(db, 'gong:1')).toBeNull();
    expect(await reviewsForDeal(db, ACME)).toEqual([]);
    const recent = { start: '2026-10-01', end: '2026-10-31' };
    const detail = await readRepDetail(db, DANA, { week: { start: '2026-10-26', end: '2026-11-01' }, now: RESTORED_AT, timeZone: NY, recent });
    expect(detail.reviews).toEqual([]);
    // an export leaves it out, and says so
    const backup = await exportBackup(db, RESTORED_AT);
    expect(backup.stores.callReviews).toEqual([]);
    expect(backup.leftOut.callReviews).toBe(1);
    expect(warn).toHaveBeenCalled();
  });

  it('survives the upgrade to the current database version', async () => {
    const name = `url-upgrade-${Math.random()}`;
    const v6 = await openDealsideDB(name, 6);
    // a v6 review names its Salesforce deal without the org: v7 re-keys it
    await v6.put('callReviews', { ...planted(), dealKey: 'salesforce:0065g00000AcmeQAAS' } as never);
    await v6.put('deals', {
      key: 'salesforce:0065g00000AcmeQAAS',
      snapshot: { crm: 'salesforce', recordId: '0065g00000AcmeQAAS', host: 'acme.lightning.force.com', url: 'https://acme.lightning.force.com/lightning/r/Opportunity/0065g00000AcmeQAAS/view', owner: 'Dana Reyes', readAt: WRITTEN_AT },
      repId: DANA,
      firstSeenAt: WRITTEN_AT,
      lastSeenAt: WRITTEN_AT,
    } as never);
    v6.close();
    const db = await openDealsideDB(name);
    opened.push(db);
    expect(db.version).toBe(DB_VERSION);
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    expect(await db.get('callReviews', 'r1')).toMatchObject({ dealKey: ACME, url: planted().url });
    expect(await getReview(db, 'r1')).toBeNull();
    expect(await reviewsForDeal(db, ACME)).toEqual([]);
  });

  it('is replaced by a sound backup’s copy', async () => {
    const source = await openDealsideDB(`url-src-${Math.random()}`);
    const db = await openDealsideDB(`url-dst-${Math.random()}`);
    opened.push(source, db);
    await fillThroughApp(source);
    await db.put('callReviews', planted());
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    const read = readBackup(JSON.parse(JSON.stringify(await exportBackup(source, RESTORED_AT))));
    if (!read.ok) throw new Error(read.error);
    const { report } = await restoreBackup(db, read.backup, { now: RESTORED_AT, timeZone: NY });
    expect(await getReview(db, 'r1')).toEqual(completedReview());
    expect(report.repaired.callReviews).toBe(1);
  });
});
