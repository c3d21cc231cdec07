/**
 * "Export CSV" / "Copy as text": what they say in their live region. The same words said again
 * (a second copy) are drawn anew, so a screen reader says them again; another week on screen
 * takes away what was said of the week before. react-dom/client into linkedom.
 */
import { button, popupDocument } from './dom';
import { THIS_WEEK, cardOf } from './cards';

const { document } = popupDocument();
const copied: string[] = [];
Object.defineProperty(globalThis.navigator, 'clipboard', { value: { writeText: async (t: string) => void copied.push(t) }, configurable: true });

it('a second copy is announced again, and another week clears what was said', async () => {
  const { createElement, act } = await import('react');
  const { createRoot } = await import('react-dom/client');
  const { ShareButtons } = await import('../../../entrypoints/popup/ShareButtons');
  const root = createRoot(document.getElementById('root')!);
  const status = () => document.querySelector('[role="status"]')!;
  await act(async () => root.render(createElement(ShareButtons, { card: cardOf(THIS_WEEK) })));
  expect(status().textContent).toBe('');
  const copy = button('Copy as text');
  await act(async () => copy.click());
  expect(status().textContent).toBe('Copied the week as text.');
  const said = status().firstElementChild;
  await act(async () => copy.click());
  expect(copied).toHaveLength(2);
  expect(status().textContent).toBe('Copied the week as text.');
  expect(status().firstElementChild).not.toBe(said); // drawn anew: announced again
  // ← Previous week: the buttons stay (the keyboard may be on one), what was said goes
  await act(async () => root.render(createElement(ShareButtons, { card: cardOf('2026-10-19') })));
  expect(button('Copy as text')).toBe(copy);
  expect(status().textContent).toBe('');
  await act(async () => root.unmount());
});
