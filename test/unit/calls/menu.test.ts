import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { registerReviewThisCallMenu } from '../../../lib/handlers/call-reviews';

// The fake browser has no context menus: a stand-in that records what was made.
let made: { id?: string | number; title?: string }[];
beforeEach(() => {
  fakeBrowser.reset();
  made = [];
  Object.assign(fakeBrowser.contextMenus, {
    removeAll: vi.fn(async () => void (made = [])),
    create: vi.fn((item: { id?: string; title?: string }) => void made.push(item)),
    onClicked: { addListener: vi.fn() },
  });
});
const settle = () => new Promise((r) => setTimeout(r, 0));

describe('"Review this call" in the page menu', () => {
  it('Chromium keeps menu items across restarts: made when installed or updated, not at each worker start', async () => {
    registerReviewThisCallMenu(false);
    await settle();
    expect(made).toEqual([]);
    await fakeBrowser.runtime.onInstalled.trigger({ reason: 'install', temporary: false });
    await settle();
    expect(made).toEqual([expect.objectContaining({ title: 'Review this call' })]);
  });

  it('Firefox drops them when it closes: made each time the background starts', async () => {
    registerReviewThisCallMenu(true);
    await settle();
    expect(made).toEqual([expect.objectContaining({ title: 'Review this call' })]);
  });
});
