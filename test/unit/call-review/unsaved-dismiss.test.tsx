/**
 * The call-review panel's "…was not saved before the page moved on" alert, said on the next call
 * with what was typed: its Dismiss takes the alert (and itself) away. The keyboard goes to the
 * panel's heading, as "Try again" sends it, never dropped to the frame's body.
 */
import { vi } from 'vitest';
import { button, mountPanel, panelDocument, review } from './panel';

const { document } = panelDocument();

vi.mock('../../../entrypoints/call-review/useCallReview', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../../entrypoints/call-review/useCallReview')>()),
  useCallReview: (await import('./panel')).fakeCallReview,
}));
vi.mock('../../../entrypoints/call-review/useMediaPosition', async () => (await import('./panel')).NO_MEDIA);
vi.mock('../../../lib/page/dock-room', async () => (await import('./panel')).NO_DOCK);
vi.mock('../../../lib/messages/client', async (importOriginal) => (await import('./panel')).quietClient(await importOriginal<object>()));

const notice = () => [...document.querySelectorAll('[role="alert"]')].find((a) => a.textContent!.includes('was not saved before the page moved on'));
let unmount: () => Promise<void>;
afterEach(async () => {
  await unmount?.();
  review.unsaved = null;
  review.dismissed = 0;
});

it('Dismiss: the alert goes, and the keyboard goes to the panel’s heading', async () => {
  review.unsaved = { title: 'Acme weekly pipeline sync', typed: ['Rep never asked about budget'], error: 'Dealside did not answer' };
  const { act, ...m } = await mountPanel(document as unknown as Document);
  unmount = m.unmount;
  expect(notice()!.textContent).toContain('Rep never asked about budget');
  const dismiss = button('Dismiss');
  dismiss.focus();
  await act(async () => dismiss.click());
  expect(review.dismissed).toBe(1);
  expect(notice()).toBeUndefined();
  expect(dismiss.isConnected).toBe(false);
  expect(document.activeElement).not.toBe(document.body);
  expect(document.activeElement).toBe(document.querySelector('section[aria-label="Call review"] h1'));
  expect(document.activeElement!.textContent).toBe('Acme Corp — Discovery call');
});
