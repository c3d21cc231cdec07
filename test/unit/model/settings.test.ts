import { MAX_DATE_ORDER_SITES, settingsSchema } from '../../../lib/model';
import { settingsPatchSchema } from '../../../lib/messages/protocol';

describe('settings: date order', () => {
  it('defaults to automatic, with nothing learned', () => {
    expect(settingsSchema.parse({})).toMatchObject({ dateOrder: 'auto', dateOrderBySite: {} });
  });

  it('a stored order that is not one of the three reads as automatic; the rest of the settings stay', () => {
    const s = settingsSchema.parse({ dateOrder: 'year-first', user: { name: 'Morgan Lead', role: 'manager' } });
    expect(s.dateOrder).toBe('auto');
    expect(s.user).toEqual({ name: 'Morgan Lead', role: 'manager' });
  });

  it('drops learned entries with a bad host or order on their own, and keeps the most recent sites only', () => {
    const s = settingsSchema.parse({
      dateOrderBySite: { 'acme.my.salesforce.com': 'day-first', 'bad host!': 'day-first', 'app.hubspot.com': 'sideways', 'x.pipedrive.com': 7 },
    });
    expect(s.dateOrderBySite).toEqual({ 'acme.my.salesforce.com': 'day-first' });
    expect(settingsSchema.parse({ dateOrderBySite: 'nonsense' }).dateOrderBySite).toEqual({});
    const many = Object.fromEntries(Array.from({ length: MAX_DATE_ORDER_SITES + 5 }, (_, i) => [`org${i}.my.salesforce.com`, 'month-first']));
    const kept = Object.keys(settingsSchema.parse({ dateOrderBySite: many }).dateOrderBySite);
    expect(kept).toHaveLength(MAX_DATE_ORDER_SITES);
    expect(kept[0]).toBe('org5.my.salesforce.com');
    expect(kept.at(-1)).toBe(`org${MAX_DATE_ORDER_SITES + 4}.my.salesforce.com`);
  });
});

describe('settings: refusing clicks on a covered sidebar', () => {
  it('is on unless turned off; a stored value that is no boolean reads as on, the rest of the settings kept', () => {
    expect(settingsSchema.parse({}).refuseCoveredClicks).toBe(true);
    expect(settingsSchema.parse({ refuseCoveredClicks: false }).refuseCoveredClicks).toBe(false);
    const s = settingsSchema.parse({ refuseCoveredClicks: 'no', theme: 'dark' });
    expect(s.refuseCoveredClicks).toBe(true);
    expect(s.theme).toBe('dark');
  });

  it('a settings change may turn it off, with a boolean only', () => {
    expect(settingsPatchSchema.safeParse({ refuseCoveredClicks: false }).success).toBe(true);
    expect(settingsPatchSchema.safeParse({ refuseCoveredClicks: 'off' }).success).toBe(false);
  });
});

describe('settings as stored: one damaged field', () => {
  it('reads as its default on its own; the user, the sites and the learned orders stay, and survive the next write', async () => {
    const { storedSettings, applySettingsChange } = await import('../../../lib/db/settings');
    const damaged = {
      user: { name: 'Morgan Lead', role: 'manager' },
      theme: 'sepia',
      weekStartsOn: 9,
      sidebar: { width: 'wide' },
      crmSites: [{ origin: 'https://crm.acme.example', crm: 'salesforce', addedAt: '2026-11-20T10:00:00.000Z' }],
      dateOrderBySite: { 'acme.my.salesforce.com': 'day-first' },
      dateOrder: 'day-first',
    };
    const s = storedSettings(damaged);
    expect(s).toMatchObject({
      user: { name: 'Morgan Lead', role: 'manager' },
      theme: 'system',
      weekStartsOn: 1,
      sidebar: { width: 360, collapsed: false },
      dateOrder: 'day-first',
      dateOrderBySite: { 'acme.my.salesforce.com': 'day-first' },
    });
    expect(s.crmSites).toHaveLength(1);
    // what a content script's resize writes next keeps them
    expect(applySettingsChange(s, { sidebar: { width: 400 } })).toMatchObject({ user: { name: 'Morgan Lead' }, sidebar: { width: 400 } });
    // a damaged user goes on its own too
    const noUser = storedSettings({ user: { name: '', role: 'boss' }, theme: 'dark' });
    expect(noUser.user).toBeUndefined();
    expect(noUser.theme).toBe('dark');
    // no object at all: the defaults
    expect(storedSettings('nonsense')).toEqual(settingsSchema.parse({}));
  });
});
