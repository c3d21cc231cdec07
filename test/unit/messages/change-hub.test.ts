import { onlyADraft } from '../../../lib/messages/client';
import { createChangeHub, mustReloadTab, CHANGES_PORT, PORT_ACCEPTED, type PortLike } from '../../../lib/messages/change-hub';
import type { ChangeEvent } from '../../../lib/messages/protocol';

const self = { id: 'ours', origin: 'chrome-extension://ours' };

function port(name: string, sender: PortLike['sender']) {
  const onDisconnect: (() => void)[] = [];
  const p = {
    name,
    sender,
    posted: [] as unknown[],
    disconnected: false,
    postMessage(m: unknown) {
      this.posted.push(m);
    },
    disconnect() {
      this.disconnected = true;
    },
    onDisconnect: { addListener: (cb: () => void) => onDisconnect.push(cb) },
    close: () => onDisconnect.forEach((cb) => cb()),
  };
  return p;
}

const event = { kind: 'dealside/changed' as const, dealKeys: ['salesforce:1'], tabIds: [] };

describe('change hub', () => {
  it('posts changes to our pages and frames, each told first that its port is accepted, and forgets a closed page', () => {
    const hub = createChangeHub(() => self);
    const frame = port(CHANGES_PORT, { id: 'ours', url: 'chrome-extension://ours/sidebar.html', tab: { id: 1 }, frameId: 4 });
    const popup = port(CHANGES_PORT, { id: 'ours', url: 'chrome-extension://ours/popup.html' });
    hub.accept(frame);
    hub.accept(popup);
    hub.broadcast(event);
    expect(frame.posted).toEqual([PORT_ACCEPTED, event]);
    expect(popup.posted).toEqual([PORT_ACCEPTED, event]);
    popup.close();
    hub.broadcast(event);
    expect(popup.posted).toHaveLength(2);
    expect(hub.size).toBe(1);
  });

  it('forgets a port whose page went as it was accepted', () => {
    const hub = createChangeHub(() => self);
    const gone = port(CHANGES_PORT, { id: 'ours', url: 'chrome-extension://ours/popup.html' });
    gone.postMessage = () => {
      throw new Error('Attempting to use a disconnected port object');
    };
    hub.accept(gone);
    expect(hub.size).toBe(0);
  });

  it.each([
    ['a content script', { id: 'ours', url: 'https://acme.lightning.force.com/x', tab: { id: 1 }, frameId: 0 }],
    ['another extension', { id: 'evil', url: 'chrome-extension://evil/x.html' }],
    ['no sender', undefined],
  ])('disconnects %s and never posts to it', (_n, sender) => {
    const hub = createChangeHub(() => self);
    const p = port(CHANGES_PORT, sender);
    hub.accept(p);
    hub.broadcast(event);
    expect(p.disconnected).toBe(true);
    expect(p.posted).toEqual([]);
  });

  it('disconnects a port with another name', () => {
    const hub = createChangeHub(() => self);
    const p = port('something-else', { id: 'ours', url: 'chrome-extension://ours/popup.html' });
    hub.accept(p);
    expect(p.disconnected).toBe(true);
  });
});

describe('mustReloadTab (a sidebar frame deciding whether a change is its tab\'s)', () => {
  const change = (tabIds: number[], extra: Partial<ChangeEvent> = {}): ChangeEvent => ({ kind: 'dealside/changed', dealKeys: [], tabIds, ...extra });
  it('once the frame knows its tab: only that tab\'s changes, or a lost connection', () => {
    expect(mustReloadTab(change([4]), 4)).toBe(true);
    expect(mustReloadTab(change([5]), 4)).toBe(false);
    expect(mustReloadTab(change([]), 4)).toBe(false);
    expect(mustReloadTab(change([], { resync: true }), 4)).toBe(true);
  });
  it('before its first answer: any tab\'s change may be its own (a deal reported as the frame opened)', () => {
    expect(mustReloadTab(change([5]), null)).toBe(true);
    expect(mustReloadTab(change([]), null)).toBe(false);
    expect(mustReloadTab(change([], { settings: true }), null)).toBe(false);
  });
});

describe('onlyADraft (the popup ignores these)', () => {
  const base = { kind: 'dealside/changed' as const, dealKeys: [], tabIds: [] };
  const draft = { key: 'draft:note:salesforce:0065g00000AcmeQAAS', writer: 'w' };
  it('a draft written and nothing else', () => {
    expect(onlyADraft({ ...base, draft })).toBe(true);
  });
  it('anything more, or no draft at all, is a change the scorecard may count', () => {
    expect(onlyADraft(base)).toBe(false);
    expect(onlyADraft({ ...base, draft, dealKeys: ['salesforce:0065g00000AcmeQAAS'] })).toBe(false); // a note added
    expect(onlyADraft({ ...base, draft, tabIds: [7] })).toBe(false);
    expect(onlyADraft({ ...base, draft, settings: true })).toBe(false);
    expect(onlyADraft({ ...base, draft, resync: true })).toBe(false);
    expect(onlyADraft({ ...base, draft, callKeys: ['gong:1'] })).toBe(false);
  });
});
