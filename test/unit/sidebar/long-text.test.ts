/**
 * Long unbroken text (a pasted URL) breaks rather than widen the ~360 px sidebar past its edge:
 * base.css gives its text elements `overflow-wrap: anywhere`. Not the popup's table cells: there
 * `anywhere` would lower the cells' min-content width and let the auto-layout scorecard squeeze
 * a column below its longest word, so inside th and td the text breaks only what would overflow.
 */
import { readFileSync } from 'node:fs';

const css = readFileSync('components/base.css', 'utf8').replace(/\/\*[\s\S]*?\*\//g, '');
/** Every selector given `overflow-wrap: <value>`, one entry per comma-separated selector. */
const selectorsWith = (value: string) =>
  [...css.matchAll(/([^{}]+)\{([^}]*)\}/g)]
    .filter((m) => new RegExp(`overflow-wrap:\\s*${value}\\b`).test(m[2]!))
    .flatMap((m) => m[1]!.split(/,(?![^(]*\))/).map((s) => s.trim()));

it('text elements break anywhere: p, li, dd, dt, h1–h3, label, summary', () => {
  expect(selectorsWith('anywhere')).toEqual(expect.arrayContaining(['p', 'li', 'dd', 'dt', 'h1', 'h2', 'h3', 'label', 'summary']));
});

it('not table cells, nor text inside them: there only what would overflow breaks, the columns sized as before', () => {
  expect(selectorsWith('anywhere').filter((s) => /\b(td|th)\b/.test(s))).toEqual([]);
  expect(selectorsWith('break-word')).toContain(':is(td, th) :is(p, li, dd, dt, h1, h2, h3, label, summary)');
});
