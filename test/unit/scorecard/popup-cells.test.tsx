/**
 * What the popup's table and 1:1 view say of a rep's week, rendered to markup (no DOM here): the
 * words must account for the card's counts. The 1:1 view loads its lists by message once
 * mounted; `useState(null)` (its only state starting null) hands it the loaded detail instead.
 */
import { vi } from 'vitest';
let loaded: unknown = null;
vi.mock('react', async (importOriginal) => {
  const real = await importOriginal<typeof import('react')>();
  return { ...real, useState: (init: unknown) => real.useState(init === null ? loaded : init) };
});
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import type { Commitment, Note, Rep } from '../../../lib/model';
import { commitmentChanges, noteChanges, repWeeksOf } from '../../../lib/scorecard/rep-weeks';
import { askItemsFor } from '../../../lib/scorecard/ask-items';
import { buildScorecard, weekCardOf } from '../../../lib/scorecard/rollup';
import type { Scorecard, ScorecardInput } from '../../../lib/scorecard/types';
import type { RepWeekDetail } from '../../../lib/db/scorecard';
import { ScorecardTable } from '../../../entrypoints/popup/ScorecardTable';
import { RepView } from '../../../entrypoints/popup/RepView';

const NY = 'America/New_York';
const DANA = 'salesforce:Dana Reyes';
const reps: Rep[] = [{ id: DANA, crm: 'salesforce', name: 'Dana Reyes', firstSeenAt: '2026-09-01T12:00:00.000Z' }];
const by = { name: 'M', role: 'manager' as const };
const at = '2026-10-27T12:00:00.000Z';
const promise = (id: string, due: string, status: Commitment['status'], extra: Partial<Commitment> = {}): Commitment =>
  ({ id, dealKey: 'salesforce:acme/1', repId: DANA, text: `promise ${id}`, due, statedBy: { name: 'Dana', role: 'rep' }, statedAt: at, status, ...extra }) as Commitment;

/** Tuesday Oct 27 2026 in New York; the week is Mon Oct 26 – Sun Nov 1. */
const now = new Date('2026-10-27T16:00:00.000Z');
const week = (records: { commitments?: Commitment[]; notes?: Note[]; deals?: ScorecardInput['deals'] }): Scorecard =>
  buildScorecard({
    weekStart: '2026-10-26',
    now,
    timeZone: NY,
    reps,
    weeks: repWeeksOf([...(records.commitments ?? []).flatMap((c) => commitmentChanges(null, c)), ...noteChanges(records.notes ?? [], NY)]),
    reviews: [],
    deals: records.deals ?? [],
  });

const text = (html: string) =>
  html
    .replace(/<br\/?>/g, ' / ')
    .replace(/<\/(p|li|h\d)>/g, ' ')
    .replace(/<[^>]+>/g, '')
    .replace(/&#x27;/g, "'")
    .replace(/\s+/g, ' ')
    .trim();
/** The rep's row of the table, cell by cell, as text (the rep's own cell first, then why they need attention). */
function rowCells(card: Scorecard): string[] {
  const html = renderToStaticMarkup(createElement(ScorecardTable, { card: weekCardOf(card), onOpenRep: () => {}, showOnTrack: true, onToggleOnTrack: () => {} }));
  const tr = html.split('<tr').find((r) => r.includes(`data-rep="${DANA}"`))!;
  return tr.split(/<t[hd](?:\s[^>]*)?>/).slice(1).map((c) => text(c.split(/<\/t[hd]>/)[0]!));
}
function repView(card: Scorecard, detail: Partial<RepWeekDetail> | null): string {
  loaded = detail && { ask: [], problemDeals: [], scores: [], notes: [], reviews: [], read: 0, ...detail };
  try {
    const weekCard = weekCardOf(card);
    return text(renderToStaticMarkup(createElement(RepView, { card: weekCard, row: weekCard.rows[0]!, onBack: () => {} })));
  } finally {
    loaded = null;
  }
}

const commitments = [
  promise('a', '2026-10-27', 'open'), // due today
  promise('b', '2026-10-30', 'open'), // due Friday
  promise('r', '2026-10-26', 'renegotiated', {
    resolution: { outcome: 'renegotiated', note: '', by, at, newDue: '2026-11-06', reason: 'buyer travelling', replacedBy: 'r2' },
  }),
  promise('r2', '2026-11-06', 'open', { renegotiatedFrom: 'r' }), // next week
  promise('d', '2026-10-26', 'dropped', { resolution: { outcome: 'dropped', note: '', by, at, reason: 'pilot cancelled' } }),
];

describe('"Commitments due" in the table', () => {
  it('leads with the number due and names those still open, renegotiated and dropped, so the parts add up', () => {
    const card = week({ commitments });
    expect(card.rows[0]!.commitments).toMatchObject({ due: 4, kept: 0, missed: 0, openPastDue: 0, open: 2, renegotiated: 1, dropped: 1 });
    expect(rowCells(card)[2]).toBe('4 due / 0 kept · 0 missed / 0 open past due / 2 still open · 1 renegotiated · 1 dropped');
  });

  it('leaves out the kinds there are none of', () => {
    const card = week({ commitments: [promise('k', '2026-10-26', 'kept'), promise('m', '2026-10-26', 'missed')] });
    expect(rowCells(card)[2]).toBe('2 due / 1 kept · 1 missed / 0 open past due');
  });
});

describe('"Next steps, open deals" in the table', () => {
  const deal = (key: string, step: { text: string; due?: string; doneAt?: string } | null, textChangedAt = '2026-10-20T12:00:00.000Z') => ({
    deal: { key, repId: DANA, lastSeenAt: '2026-10-26T12:00:00.000Z', snapshot: { stage: 'Negotiation', name: key, url: `https://x/${key}` } },
    nextStep: step && { ...step, textChangedAt },
  });

  it('names every open deal not dated ahead (no date, done too), then the stale ones dated ahead', () => {
    const card = week({
      deals: [
        deal('a', { text: 'Call', due: '2026-11-05' }, '2026-10-01T12:00:00.000Z'), // stale: dated ahead, unchanged for 26 days
        deal('b', { text: 'Send MAP' }), // no date
        deal('c', { text: 'Demo', due: '2026-11-02', doneAt: '2026-10-25T12:00:00.000Z' }), // done
        deal('d', null), // none
        deal('e', { text: 'Legal', due: '2026-10-20' }), // overdue
      ],
    });
    expect(card.rows[0]!.nextStep).toMatchObject({ deals: 5, covered: 1, none: 1, overdue: 1, noDate: 1, done: 1, stale: 1 });
    expect(rowCells(card)[4]).toBe('20% dated ahead (1 of 5) / none 1 · overdue 1 · no date 1 · done 1 · stale 1');
  });

  it('says nothing more when every deal is dated ahead and none is stale', () => {
    const card = week({ deals: [deal('a', { text: 'Call', due: '2026-11-05' })] });
    expect(rowCells(card)[4]).toBe('100% dated ahead (1 of 1)');
  });
});

describe('the 1:1 view', () => {
  const card = week({ commitments });
  const ask = askItemsFor(commitments, { weekStart: card.weekStart, today: card.today });

  it('its summary leads with the number due and accounts for each', () => {
    expect(repView(card, null)).toContain('Due this week: 4 (0 kept, 0 missed, 0 open past due, 2 still open, 1 renegotiated, 1 dropped). Say/do');
  });

  it('asks what happened of a promise due today, not yet of one due later', () => {
    const html = repView(card, { ask });
    expect(html).toContain('You committed to promise a by Tue, Oct 27, 2026. What happened? Due today');
    expect(html).toContain('You committed to promise b by Fri, Oct 30, 2026. Open');
    expect(html.match(/What happened\?/g)).toHaveLength(1);
  });

  it('says the date a renegotiated promise moved to', () => {
    expect(repView(card, { ask })).toContain('Renegotiated promise r (due Mon, Oct 26, 2026, moved to Fri, Nov 6, 2026) salesforce:acme/1 — Reason: buyer travelling');
  });
});

describe('"Diagnoses" in the table and the 1:1 view', () => {
  const note = (id: string, diagnosis: Note['diagnosis']): Note =>
    ({ id, dealKey: 'salesforce:acme/1', repId: DANA, body: { kind: 'free', text: 'x' }, ...(diagnosis ? { diagnosis } : {}), by, at }) as Note;

  it('names only the diagnoses noted, in the method’s order', () => {
    const card = week({ notes: [note('n1', 'system'), note('n2', 'skill'), note('n3', 'system')] });
    expect(rowCells(card).at(-1)).toBe('skill 1, system 2');
    expect(repView(card, null)).toContain('Diagnoses: skill 1, system 2.');
  });

  it('says none were noted rather than four zeros', () => {
    const card = week({ notes: [note('n1', undefined)] });
    expect(rowCells(card).at(-1)).toBe('none noted');
    expect(repView(card, null)).toContain('Diagnoses: none noted.');
  });
});
