/**
 * The pin form's "At (m:ss)" field and the error a pin can end in: a time that cannot be read is
 * marked invalid on the field, the error is the field's description (not only an alert said once),
 * and it goes as soon as the time or the note is edited.
 */
import { vi } from 'vitest';
import { button, mountPanel, panelDocument, type } from './panel';

const { document } = panelDocument();

vi.mock('../../../entrypoints/call-review/useCallReview', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../../entrypoints/call-review/useCallReview')>()),
  useCallReview: (await import('./panel')).fakeCallReview,
}));
vi.mock('../../../entrypoints/call-review/useMediaPosition', async () => (await import('./panel')).NO_MEDIA);
vi.mock('../../../lib/page/dock-room', async () => (await import('./panel')).NO_DOCK);
vi.mock('../../../lib/page/framing-facts', () => ({ framingFacts: () => ({ parentIsTop: true, ancestorOrigins: undefined }), frameTokenFromAddress: () => '0123abcd' }));
// no media on the page
vi.mock('../../../lib/messages/client', async (importOriginal) =>
  (await import('./panel')).quietClient(await importOriginal<object>(), async (r: { type: string }) => (r.type === 'calls/mediaTime' ? { hasMedia: false, currentTime: 0, paused: true } : new Promise(() => {}))),
);

/** A text box by its label's words (the label wraps it). */
const box = (label: string) => {
  const found = [...document.querySelectorAll('label')].filter((l) => l.firstChild?.textContent?.trim() === label);
  if (found.length !== 1) throw new Error(`${found.length} labels "${label}"`);
  return found[0]!.querySelector('input')!;
};
const timeBox = () => box('At (m:ss)');
const noteBox = () => box('Note at current time');
/** The words of the elements an aria-describedby names. */
const description = (el: Element) =>
  (el.getAttribute('aria-describedby') ?? '')
    .split(/\s+/)
    .filter(Boolean)
    .map((id) => document.getElementById(id)?.textContent ?? `(no element #${id})`);
const alerts = () => [...document.querySelectorAll('[role="alert"]')].map((a) => a.textContent!.trim());
const TIME_ERROR = 'Type the time as m:ss, for example 4:05.';

let m: Awaited<ReturnType<typeof mountPanel>>;
beforeEach(async () => {
  m = await mountPanel(document as unknown as Document);
});
afterEach(async () => {
  await m.unmount();
});

it('a time typed that cannot be read: the field is marked invalid, and described by the error', async () => {
  const { act } = m;
  expect(timeBox().getAttribute('aria-invalid')).not.toBe('true');
  await act(async () => type(noteBox(), 'Budget never came up'));
  await act(async () => type(timeBox(), '4:6x'));
  expect(timeBox().getAttribute('aria-invalid')).toBe('true');
  await act(async () => button('Pin note').click());
  expect(alerts()).toEqual([TIME_ERROR]);
  expect(document.activeElement).toBe(timeBox());
  expect(description(timeBox())).toContain(TIME_ERROR);
  // the note box is not what the error is about
  expect(description(noteBox())).not.toContain(TIME_ERROR);

  // typed again, readable: the error goes, and the mark with it
  await act(async () => type(timeBox(), '4:06'));
  expect(alerts()).toEqual([]);
  expect(timeBox().getAttribute('aria-invalid')).not.toBe('true');
  expect(description(timeBox())).not.toContain(TIME_ERROR);
});

it('the error goes as soon as the time is edited, even while still unreadable', async () => {
  const { act } = m;
  await act(async () => type(noteBox(), 'Budget never came up'));
  await act(async () => type(timeBox(), 'soon'));
  await act(async () => button('Pin note').click());
  expect(alerts()).toEqual([TIME_ERROR]);
  await act(async () => type(timeBox(), 'soon!'));
  expect(alerts()).toEqual([]);
  // still unreadable: still marked so
  expect(timeBox().getAttribute('aria-invalid')).toBe('true');
  // and still said why, now the pin's error has gone
  expect(description(timeBox())).toContain(TIME_ERROR);
});

it('no media and no time typed: the error is the time field’s, and goes when the note is edited', async () => {
  const { act } = m;
  await act(async () => type(noteBox(), 'Budget never came up'));
  await act(async () => button('Pin note').click());
  const said = 'No playing media found on this page: type the time (m:ss) to pin at.';
  expect(alerts()).toEqual([said]);
  expect(description(timeBox())).toContain(said);
  await act(async () => type(noteBox(), 'Budget never came up.'));
  expect(alerts()).toEqual([]);
  expect(description(timeBox())).not.toContain(said);
});

it('no note typed: the error describes the note box (still described by its help), and goes when the note is typed', async () => {
  const { act } = m;
  await act(async () => button('Pin note').click());
  expect(alerts()).toEqual(['Type a note to pin.']);
  expect(document.activeElement).toBe(noteBox());
  expect(description(noteBox())).toContain('Type a note to pin.');
  expect(description(noteBox()).join(' ')).toContain('No media found on this page yet');
  expect(description(timeBox())).not.toContain('Type a note to pin.');
  await act(async () => type(noteBox(), 'B'));
  expect(alerts()).toEqual([]);
});
