import { describe, expect, it } from 'vitest';
import {
  STALE_AFTER_DAYS,
  markNextStepDone,
  mergeCrmNextStep,
  nextStepStatus,
  setSidebarNextStep,
  textIsStale,
} from '../../../lib/rules/next-step';
import { addDays, daysBetween, isoDateOfInstant } from '../../../lib/dates';
import { NEXT_STEP_STATUSES, nextStepSchema, type NextStep } from '../../../lib/model';

const NY = 'America/New_York';
// 11:00 Wednesday 2026-11-25 in New York
const NOW = new Date('2026-11-25T16:00:00Z');
const RECENT = '2026-11-20T15:00:00.000Z';

const step = (over: Partial<{ text: string; due: string; textChangedAt: string; doneAt: string }> = {}) => ({
  text: 'Security review with Dana',
  textChangedAt: RECENT,
  ...over,
});

describe('nextStepStatus', () => {
  it.each([
    ['null', null, 'No next step'],
    ['blank text', step({ text: '   ', due: '2026-11-20' }), 'No next step'],
    ['done after the text changed', step({ due: '2026-11-01', doneAt: '2026-11-21T00:00:00Z' }), 'Done'],
    ['done at the same instant, other precision', step({ doneAt: '2026-11-20T15:00:00Z' }), 'Done'],
    ['no date', step(), 'No date'],
    ['overdue', step({ due: '2026-11-24' }), 'Overdue'],
    ['due today', step({ due: '2026-11-25' }), 'Due today'],
    ['stale', step({ due: '2026-12-01', textChangedAt: '2026-11-10T12:00:00Z' }), 'Stale'],
    ['scheduled', step({ due: '2026-12-01' }), 'Scheduled'],
  ] as const)('%s → %s', (_name, s, expected) => {
    expect(nextStepStatus(s, NOW, NY)).toBe(expected);
  });

  it('covers every status', () => {
    expect(NEXT_STEP_STATUSES).toHaveLength(7);
  });

  it('first match wins', () => {
    // done beats overdue and no date
    expect(nextStepStatus(step({ due: '2026-01-01', doneAt: '2026-11-22T00:00:00Z' }), NOW, NY)).toBe('Done');
    // a done mark older than the text does not count
    expect(nextStepStatus(step({ due: '2026-01-01', doneAt: '2026-11-19T00:00:00Z' }), NOW, NY)).toBe('Overdue');
    // an old text that is overdue or due today is not "Stale"
    const old = '2026-01-01T00:00:00Z';
    expect(nextStepStatus(step({ due: '2026-11-24', textChangedAt: old }), NOW, NY)).toBe('Overdue');
    expect(nextStepStatus(step({ due: '2026-11-25', textChangedAt: old }), NOW, NY)).toBe('Due today');
    // an old text with no date is "No date", not "Stale"
    expect(nextStepStatus(step({ textChangedAt: old }), NOW, NY)).toBe('No date');
  });

  it(`stale from exactly ${STALE_AFTER_DAYS} calendar days in the zone`, () => {
    expect(STALE_AFTER_DAYS).toBe(14);
    const future = { due: '2026-12-10' };
    // 2026-11-11 23:30 in New York (04:30 UTC on the 12th): 14 days before the 25th
    expect(nextStepStatus(step({ ...future, textChangedAt: '2026-11-12T04:30:00Z' }), NOW, NY)).toBe('Stale');
    // same instant is already Nov 12 in Berlin: 13 days
    expect(nextStepStatus(step({ ...future, textChangedAt: '2026-11-12T04:30:00Z' }), NOW, 'Europe/Berlin')).toBe(
      'Scheduled',
    );
  });

  it('the fast stale check agrees with the exact day count in every zone, around the threshold', () => {
    const zones = ['Pacific/Kiritimati', 'Pacific/Pago_Pago', 'Asia/Kathmandu', 'America/St_Johns', 'Europe/Berlin', NY, 'UTC'];
    const today = '2026-11-25';
    let checked = 0;
    let stale = 0;
    for (const zone of zones) {
      // every 45 minutes from 17 to 10 days before today
      for (let t = Date.parse(`${addDays(today, -17)}T00:00:00Z`); t < Date.parse(`${addDays(today, -10)}T00:00:00Z`); t += 45 * 60_000) {
        const at = new Date(t).toISOString();
        const exact = daysBetween(isoDateOfInstant(at, zone), today) >= STALE_AFTER_DAYS;
        expect(textIsStale(at, zone, today)).toBe(exact);
        checked++;
        if (exact) stale++;
      }
    }
    // both verdicts occurred (the comparison is not vacuous)
    expect(stale).toBeGreaterThan(0);
    expect(stale).toBeLessThan(checked);
  });

  it('uses the day in the user zone, not UTC', () => {
    // 21:00 on Nov 24 in New York is already Nov 25 in UTC
    const evening = new Date('2026-11-25T02:00:00Z');
    expect(nextStepStatus(step({ due: '2026-11-24' }), evening, NY)).toBe('Due today');
    expect(nextStepStatus(step({ due: '2026-11-24' }), evening, 'UTC')).toBe('Overdue');
    expect(nextStepStatus(step({ due: '2026-11-25' }), evening, NY)).toBe('Scheduled');
    // Auckland is a day ahead
    expect(nextStepStatus(step({ due: '2026-11-25' }), NOW, 'Pacific/Auckland')).toBe('Overdue');
  });
});

describe('mergeCrmNextStep', () => {
  const KEY = 'salesforce:006A';
  const T0 = '2026-11-01T10:00:00.000Z';
  const T1 = '2026-11-25T16:00:00.000Z';
  const stored: NextStep = {
    dealKey: KEY,
    text: 'Send MSA redlines',
    due: '2026-11-30',
    source: 'crm',
    textChangedAt: T0,
    doneAt: '2026-11-02T10:00:00.000Z',
    updatedAt: T0,
  };

  it('returns existing unchanged when the CRM shows no next step', () => {
    expect(mergeCrmNextStep(stored, undefined, KEY, T1)).toBe(stored);
    expect(mergeCrmNextStep(null, undefined, KEY, T1)).toBeNull();
  });

  it('returns the same object when nothing changed (whitespace aside)', () => {
    expect(mergeCrmNextStep(stored, { text: 'Send MSA redlines', date: { iso: '2026-11-30' } }, KEY, T1)).toBe(stored);
    expect(mergeCrmNextStep(stored, { text: '  Send  MSA\nredlines ', date: { iso: '2026-11-30' } }, KEY, T1)).toBe(stored);
    // a dateless CRM step keeps our date while the text is the same
    expect(mergeCrmNextStep(stored, { text: 'Send MSA redlines' }, KEY, T1)).toBe(stored);
  });

  it('a date the page shows that reads no day now (its order no longer known) takes the day it gave away', () => {
    const got = mergeCrmNextStep(stored, { text: 'Send MSA redlines', date: {} }, KEY, T1);
    expect(got?.due).toBeUndefined();
    expect(got).toMatchObject({ text: stored.text, textChangedAt: stored.textChangedAt });
  });

  it('creates a step from the CRM', () => {
    const got = mergeCrmNextStep(null, { text: ' Demo to CFO ', date: { iso: '2026-12-02' } }, KEY, T1);
    expect(got).toEqual({ dealKey: KEY, text: 'Demo to CFO', due: '2026-12-02', source: 'crm', textChangedAt: T1, updatedAt: T1 });
    expect(nextStepSchema.safeParse(got).success).toBe(true);
  });

  it('a new text restarts textChangedAt, clears done and a date the CRM no longer shows', () => {
    const got = mergeCrmNextStep(stored, { text: 'Procurement call' }, KEY, T1)!;
    expect(got).not.toBe(stored);
    expect(got).toEqual({ dealKey: KEY, text: 'Procurement call', source: 'crm', textChangedAt: T1, updatedAt: T1 });
    expect('doneAt' in got).toBe(false);
    expect('due' in got).toBe(false);
  });

  it('capitals changed alone are the same step: shown as the CRM writes them, stale clock and done kept', () => {
    const got = mergeCrmNextStep(stored, { text: 'send MSA Redlines', date: { iso: '2026-11-30' } }, KEY, T1)!;
    expect(got).not.toBe(stored);
    expect(got).toMatchObject({ text: 'send MSA Redlines', textChangedAt: T0, doneAt: stored.doneAt, due: '2026-11-30', updatedAt: T1 });
    // and typed so in the sidebar
    const typed = setSidebarNextStep(stored, 'SEND msa redlines ', '2026-11-30', KEY, T1);
    expect(typed).toMatchObject({ text: 'SEND msa redlines', textChangedAt: T0, doneAt: stored.doneAt });
  });

  it('a new date on the same text keeps textChangedAt and done', () => {
    const got = mergeCrmNextStep(stored, { text: 'Send MSA redlines', date: { iso: '2026-12-04' } }, KEY, T1)!;
    expect(got).not.toBe(stored);
    expect(got.due).toBe('2026-12-04');
    expect(got.textChangedAt).toBe(T0);
    expect(got.doneAt).toBe(stored.doneAt);
    expect(got.updatedAt).toBe(T1);
  });

  it('a step typed in the sidebar over the CRM’s stands while the CRM shows the step it replaced; a change in the CRM replaces it', () => {
    const crmStep = { text: 'Send MSA redlines', date: { iso: '2026-11-30' } };
    const fromCrm = mergeCrmNextStep(null, crmStep, KEY, T0)!;
    const edited = setSidebarNextStep(fromCrm, 'Send MSA redlines', '2026-12-07', KEY, T1);
    expect(edited).toMatchObject({ source: 'sidebar', due: '2026-12-07', crmBasis: { text: 'Send MSA redlines', due: '2026-11-30' } });
    expect(nextStepSchema.safeParse(edited).success).toBe(true);
    // the page read again (a reload, another tab, a read that missed the field in between): the same CRM step
    expect(mergeCrmNextStep(edited, crmStep, KEY, T1)).toBe(edited);
    expect(mergeCrmNextStep(edited, { text: ' Send  MSA redlines' }, KEY, T1)).toBe(edited);
    // edited again in the sidebar: still against the same CRM step
    const again = setSidebarNextStep(edited, 'Send MSA redlines to legal', '2026-12-08', KEY, T1);
    expect(again.crmBasis).toEqual(edited.crmBasis);
    expect(mergeCrmNextStep(again, crmStep, KEY, T1)).toBe(again);
    // the same CRM text read as another date (a new date order, or the next of its dates on a later day): no change in the CRM
    expect(mergeCrmNextStep(edited, { ...crmStep, date: { iso: '2026-12-01' } }, KEY, T1)).toBe(edited);
    // the CRM's text changed: a new step
    expect(mergeCrmNextStep(edited, { text: 'Procurement call' }, KEY, T1)).toMatchObject({ source: 'crm', text: 'Procurement call', textChangedAt: T1 });
    expect(mergeCrmNextStep(edited, { text: 'Procurement call' }, KEY, T1)).not.toHaveProperty('crmBasis');
    // a step typed in the sidebar with no CRM step before it: the CRM's first step takes over
    const own = setSidebarNextStep(null, 'Call Dana', '2026-12-01', KEY, T0);
    expect(own).not.toHaveProperty('crmBasis');
    expect(mergeCrmNextStep(own, { text: 'Call Dana' }, KEY, T1)).toMatchObject({ source: 'crm' });
  });

  it('a next-step field the CRM shows blank marks its step cleared ("No next step"), kept, and restored as it was if the same text comes back', () => {
    const cleared = mergeCrmNextStep(stored, { text: '  ' }, KEY, T1)!;
    expect(cleared).toEqual({ ...stored, crmClearedAt: T1, updatedAt: T1 });
    expect(nextStepSchema.safeParse(cleared).success).toBe(true);
    expect(nextStepStatus(cleared, NOW, NY)).toBe('No next step');
    expect(nextStepStatus(stored, NOW, NY)).not.toBe('No next step');
    // read blank again: no change (no write)
    expect(mergeCrmNextStep(cleared, { text: '' }, KEY, T1)).toBe(cleared);
    // the same text again (a field blank for a moment, mid-edit): the step as it was, "Done" and Stale clock included
    const back = mergeCrmNextStep(cleared, { text: 'Send MSA redlines', date: { iso: '2026-11-30' } }, KEY, T1)!;
    expect(back).toEqual({ ...stored, updatedAt: T1 });
    expect(back).not.toHaveProperty('crmClearedAt');
    // another text: a new step
    expect(mergeCrmNextStep(cleared, { text: 'Procurement call' }, KEY, T1)).toEqual({
      dealKey: KEY,
      text: 'Procurement call',
      source: 'crm',
      textChangedAt: T1,
      updatedAt: T1,
    });
    // no step yet and a blank field: still none
    expect(mergeCrmNextStep(null, { text: '' }, KEY, T1)).toBeNull();
  });

  it('a step typed in the sidebar stays when the CRM shows its field blank; over a cleared CRM step, any step the CRM shows later replaces it', () => {
    const own = setSidebarNextStep(null, 'Call Dana', '2026-12-01', KEY, T0);
    expect(mergeCrmNextStep(own, { text: '' }, KEY, T1)).toBe(own);
    const overCrm = setSidebarNextStep(stored, 'Send MSA redlines to legal', undefined, KEY, T1);
    expect(mergeCrmNextStep(overCrm, { text: '' }, KEY, T1)).toBe(overCrm);

    const cleared = mergeCrmNextStep(stored, { text: '' }, KEY, T1)!;
    const typed = setSidebarNextStep(cleared, 'Book the pricing call', '2026-12-02', KEY, T1);
    expect(typed).toEqual({
      dealKey: KEY,
      text: 'Book the pricing call',
      due: '2026-12-02',
      source: 'sidebar',
      textChangedAt: T1,
      updatedAt: T1,
      crmBasis: { text: '' },
    });
    expect(nextStepStatus(typed, NOW, NY)).toBe('Scheduled');
    // its old words typed again are a new step too: not "Done" at once (the cleared step was), nor on its old Stale clock
    const retyped = setSidebarNextStep(cleared, 'Send MSA redlines', '2026-12-02', KEY, T1);
    expect(retyped).toMatchObject({ textChangedAt: T1, crmBasis: { text: '' } });
    expect(retyped).not.toHaveProperty('doneAt');
    expect(nextStepStatus(retyped, NOW, NY)).toBe('Scheduled');
    expect(mergeCrmNextStep(typed, { text: '' }, KEY, T1)).toBe(typed);
    // the CRM's old step shown again is a change from the blank field it replaced
    expect(mergeCrmNextStep(typed, { text: 'Send MSA redlines' }, KEY, T1)).toMatchObject({ source: 'crm', text: 'Send MSA redlines' });
  });

  it('takes over a sidebar step with the same text without restarting it', () => {
    const sidebar: NextStep = { ...stored, source: 'sidebar' };
    const got = mergeCrmNextStep(sidebar, { text: 'Send MSA redlines' }, KEY, T1)!;
    expect(got).not.toBe(sidebar);
    expect(got).toMatchObject({ source: 'crm', textChangedAt: T0, due: '2026-11-30' });
  });
});

describe('sidebar edits', () => {
  const KEY = 'hubspot:42';
  const T0 = '2026-11-01T10:00:00.000Z';
  const T1 = '2026-11-25T16:00:00.000Z';

  it('setSidebarNextStep creates and edits', () => {
    const first = setSidebarNextStep(null, ' Call Dana ', '2026-12-01', KEY, T0);
    expect(first).toEqual({ dealKey: KEY, text: 'Call Dana', due: '2026-12-01', source: 'sidebar', textChangedAt: T0, updatedAt: T0 });
    const done = markNextStepDone(first, T0);
    expect(nextStepStatus(done, new Date(T1), 'UTC')).toBe('Done');

    const moved = setSidebarNextStep(done, 'Call Dana', '2026-12-03', KEY, T1);
    expect(moved).toMatchObject({ textChangedAt: T0, doneAt: T0, due: '2026-12-03', updatedAt: T1 });

    const changed = setSidebarNextStep(done, 'Call Dana and Lee', undefined, KEY, T1);
    expect(changed).toEqual({ dealKey: KEY, text: 'Call Dana and Lee', source: 'sidebar', textChangedAt: T1, updatedAt: T1 });
    expect(nextStepStatus(changed, new Date(T1), 'UTC')).toBe('No date');
  });

  it('markNextStepDone does not mutate', () => {
    const s = setSidebarNextStep(null, 'Call Dana', undefined, KEY, T0);
    const done = markNextStepDone(s, T1);
    expect(s.doneAt).toBeUndefined();
    expect(done).toMatchObject({ doneAt: T1, updatedAt: T1 });
  });
});
