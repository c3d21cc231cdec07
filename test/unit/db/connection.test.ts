import { openDB } from 'idb';
import { sharedConnection } from '../../../lib/db/connection';
import { openDealsideDB } from '../../../lib/db/open';
import { DB_VERSION } from '../../../lib/db/migrations';

describe('sharedConnection (the background’s one database connection)', () => {
  it('opens once for every request, and again after the connection was closed under it', async () => {
    const gone: (() => void)[] = [];
    let opens = 0;
    const db = sharedConnection(async (onGone) => {
      gone.push(onGone);
      return { n: ++opens };
    });
    expect(await Promise.all([db(), db(), db()])).toEqual([{ n: 1 }, { n: 1 }, { n: 1 }]);
    gone[0]!(); // closed by another version's open, or by the browser
    expect(await db()).toEqual({ n: 2 });
    expect(await db()).toEqual({ n: 2 });
    // a late word about the first connection does not drop the second
    gone[0]!();
    expect(await db()).toEqual({ n: 2 });
  });
  it('opens again at the next request after a failed open', async () => {
    let fail = true;
    const db = sharedConnection(async () => {
      if (fail) throw new Error('upgrade rolled back');
      return 'open';
    });
    await expect(db()).rejects.toThrow('upgrade rolled back');
    fail = false;
    expect(await db()).toBe('open');
  });
});

describe('openDealsideDB', () => {
  it('says when another version’s open closes its connection', async () => {
    const name = `connection-gone-${Math.random()}`;
    let gone = 0;
    const db = await openDealsideDB(name, DB_VERSION, () => gone++);
    const newer = await openDB(name, DB_VERSION + 1);
    expect(gone).toBe(1);
    newer.close();
    db.close();
  });
});
