/** Scores and notes count on the day of the user's zone (the handlers' `timeZone`), as commitments fall due in it: not the process's. */
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { openDealsideDB } from '../../../lib/db/open';
import { createDealHandlers } from '../../../lib/handlers/deals';
import { dayCountsAt, mondayOf } from '../../../lib/scorecard/rep-weeks';

const HOST = 'acme.lightning.force.com';
const ID = '0065g00000AAAAAQAA';
const url = `https://${HOST}/lightning/r/Opportunity/${ID}/view`;
const sidebar = { id: 'x', url: 'chrome-extension://x/sidebar.html', tab: { id: 7 }, frameId: 3 };

it('a score made at 01:00 on Monday in Auckland counts on Monday in the injected zone', async () => {
  fakeBrowser.reset();
  const db = await openDealsideDB('deals-zone');
  // Monday 2026-11-23 01:00 in Auckland = Sunday 2026-11-22 12:00 UTC
  const h = createDealHandlers({ db: async () => db, broadcast: async () => {}, now: () => new Date('2026-11-22T12:00:00.000Z'), timeZone: () => 'Pacific/Auckland' });
  await h['settings/set']({ type: 'settings/set', patch: { user: { name: 'M', role: 'manager' } } }, sidebar);
  await h['page/snapshot']({ type: 'page/snapshot', snapshot: { crm: 'salesforce', recordId: ID, host: HOST, url, owner: 'Dana Reyes', readAt: '2026-11-22T12:00:00.000Z' } }, { id: 'x', url, tab: { id: 7, url }, frameId: 0 });
  await h['score/add']({ type: 'score/add', dealKey: `salesforce:acme/${ID}`, dimension: 'discovery', value: 4 }, sidebar);
  const week = await db.get('repWeeks', [mondayOf('2026-11-23'), 'salesforce:Dana Reyes']);
  expect(week && dayCountsAt(week, 0).scores.discovery.count).toBe(1);
});
