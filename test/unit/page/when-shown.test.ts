import { afterEach, expect, it, vi } from 'vitest';
import { whenShown } from '../../../lib/page/when-shown';

const page = globalThis as unknown as { document?: EventTarget & { prerendering?: boolean } };
afterEach(() => {
  delete page.document;
});

it('starts at once in a page the tab shows', () => {
  page.document = Object.assign(new EventTarget(), { prerendering: false });
  const start = vi.fn();
  whenShown(start);
  expect(start).toHaveBeenCalledTimes(1);
});

it('in a page rendered ahead, unseen (a prerender), starts only once the browser shows it', () => {
  const doc = Object.assign(new EventTarget(), { prerendering: true });
  page.document = doc;
  const start = vi.fn();
  whenShown(start);
  expect(start).not.toHaveBeenCalled();
  doc.prerendering = false;
  doc.dispatchEvent(new Event('prerenderingchange'));
  expect(start).toHaveBeenCalledTimes(1);
});

it('starts at once where the browser knows no prerendering (Firefox)', () => {
  page.document = new EventTarget();
  const start = vi.fn();
  whenShown(start);
  expect(start).toHaveBeenCalledTimes(1);
});
