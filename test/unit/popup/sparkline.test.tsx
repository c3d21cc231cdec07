/** The sparkline's text alternative: every week's score, or, with none in the eight weeks, that said once. */
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { Sparkline } from '../../../entrypoints/popup/Sparkline';

const named = (values: (number | null)[]) => renderToStaticMarkup(createElement(Sparkline, { label: 'Discovery', values })).match(/aria-label="([^"]*)"/)![1];

it('says "no scores in 8 weeks" once, not "no score" eight times', () => {
  expect(named(Array(8).fill(null))).toBe('Discovery: no scores in 8 weeks');
});

it('lists every week when any has a score', () => {
  expect(named([null, null, null, null, null, null, 3, null])).toBe('Discovery by week, oldest first: no score, no score, no score, no score, no score, no score, 3.0, no score');
});
