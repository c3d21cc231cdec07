import { openDB, type IDBPDatabase } from 'idb';
import { runMigrations } from '../../../lib/db/open';

/**
 * A migration step that fails must roll the whole upgrade back: idb does not abort an
 * upgrade whose async callback rejects, so the database would otherwise move to the new
 * version with the later steps never run.
 */
describe('runMigrations', () => {
  type Steps = Parameters<typeof runMigrations<unknown>>[0];
  const open = (name: string, version: number, steps: Steps) =>
    openDB(name, version, {
      upgrade(db, oldVersion, newVersion, tx) {
        void runMigrations(steps, db, oldVersion, newVersion ?? version, tx);
      },
    });

  it('a step failing after an await aborts the upgrade: the old version and its data stay', async () => {
    const name = `upgrade-failure-${Math.random()}`;
    const v1: Steps = [(db) => void db.createObjectStore('deals')];
    const first = await open(name, 1, v1);
    await first.put('deals', { name: 'Acme' }, 'acme');
    first.close();

    const failing: Steps = [
      ...v1,
      async (_db, tx) => {
        await tx.objectStore('deals').put({ name: 'changed' }, 'acme');
        throw new Error('a bug in step 2');
      },
      (db) => void db.createObjectStore('notes'),
    ];
    const errors = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    await expect(open(name, 3, failing)).rejects.toThrow();
    expect(errors).toHaveBeenCalled();
    errors.mockRestore();

    const after: IDBPDatabase = await openDB(name);
    expect(after.version).toBe(1);
    expect([...after.objectStoreNames]).toEqual(['deals']);
    expect(await after.get('deals', 'acme')).toEqual({ name: 'Acme' });
    after.close();
  });

  it('steps that succeed all run, in order', async () => {
    const ran: number[] = [];
    const steps: Steps = [0, 1, 2].map((i) => async () => {
      await Promise.resolve();
      ran.push(i);
    });
    const db = await open(`upgrade-ok-${Math.random()}`, 3, steps);
    expect(db.version).toBe(3);
    expect(ran).toEqual([0, 1, 2]);
    db.close();
  });
});
