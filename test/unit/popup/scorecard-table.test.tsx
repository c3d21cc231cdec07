/**
 * The scorecard table's markup as a screen reader meets it: the row header (read out with every
 * cell of its row) is the rep only; why the rep needs attention is a cell of its own, under a
 * "Needs attention" column header. And a long name with no spaces (an e-mail address) may break
 * anywhere rather than widen the popup past its 780 px.
 */
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { readFileSync } from 'node:fs';
import { ScorecardTable } from '../../../entrypoints/popup/ScorecardTable';
import { THIS_WEEK, cardOf } from './cards';

const table = (names: string[]) =>
  renderToStaticMarkup(createElement(ScorecardTable, { card: cardOf(THIS_WEEK, names), onOpenRep: () => {}, showOnTrack: true, onToggleOnTrack: () => {} }));
const strip = (h: string) => h.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').trim();
const rowOf = (html: string, name: string) => html.split('<tr').find((r) => r.includes(`data-rep="salesforce:${name}"`))!;
const cells = (tr: string) => tr.split(/<t[hd](?:\s[^>]*)?>/).slice(1).map((c) => strip(c.split(/<\/t[hd]>/)[0]!));

it('the row header is the rep, and nothing else', () => {
  const html = table(['Sam Ortiz', 'Dana Reyes']);
  const headers = [...html.matchAll(/<th scope="row">([\s\S]*?)<\/th>/g)].map((m) => strip(m[1]!));
  expect(headers).toEqual(['Sam Ortiz', 'Dana Reyes']);
});

it('why a rep needs attention is the cell under "Needs attention", next to the rep', () => {
  const html = table(['Sam Ortiz', 'Dana Reyes']);
  const columns = [...html.matchAll(/<th scope="col">([^<]*)<\/th>/g)].map((m) => m[1]);
  expect(columns.slice(0, 3)).toEqual(['Rep', 'Needs attention', 'Commitments due']);
  const sam = cells(rowOf(html, 'Sam Ortiz'));
  expect(sam).toHaveLength(columns.length);
  expect(sam[1]).toMatch(/^1 commitment missed say\/do: 0 of 1 kept over 4 weeks/);
  expect(rowOf(html, 'Sam Ortiz')).toContain('aria-label="Why Sam Ortiz needs attention"');
  expect(cells(rowOf(html, 'Dana Reyes'))[1]).toBe('nothing recorded in 4 weeks');
  // the fold's row spans every column
  expect(html).toContain(`<td colSpan="${columns.length}"><button type="button" class="disclosure"`);
});

it('a rep name with no spaces breaks anywhere: the table\'s rep header and button, the 1:1 view\'s heading', () => {
  const css = readFileSync('entrypoints/popup/style.css', 'utf8').replace(/\/\*[\s\S]*?\*\//g, '');
  const rules = [...css.matchAll(/([^{}]+)\{([^}]*)\}/g)].filter((m) => /overflow-wrap:\s*anywhere/.test(m[2]!)).flatMap((m) => m[1]!.split(',').map((s) => s.trim()));
  expect(rules).toEqual(expect.arrayContaining([".scorecard th[scope='row']", '.scorecard button.rep', '.rep-view h1']));
});
