import { createRouter, ALLOWED_SENDERS, HandlerError, type Handlers } from '../../../lib/messages/router';
import { classifySender } from '../../../lib/messages/senders';
import { requestSchema } from '../../../lib/messages/protocol';
import { CRM, self, senders } from '../support/senders';

function fakeHandlers(calls: string[]): Handlers {
  return new Proxy({} as Handlers, {
    get: (_t, type: string) => async () => {
      calls.push(type);
      if (type === 'commitment/resolve') throw new HandlerError('invalid-state', 'already resolved');
      if (type === 'reps/list') throw new Error('disk on fire');
      return { fine: true };
    },
  });
}

describe('classifySender', () => {
  it.each([
    ['content', 'content'],
    ['sidebar', 'sidebar'],
    ['popup', 'extension-page'],
    ['otherExtension', 'untrusted'],
    ['noId', 'untrusted'],
    ['sidebarTopLevel', 'untrusted'],
    ['popupFramed', 'untrusted'],
    ['fileUrl', 'untrusted'],
    ['contentShown', 'content'],
    ['contentPrerendered', 'untrusted'],
    ['contentCached', 'untrusted'],
    ['sidebarInPrerendered', 'untrusted'],
    ['contentInSubframe', 'untrusted'],
  ] as const)('%s → %s', (name, kind) => {
    expect(classifySender(senders[name], self)).toBe(kind);
  });
});

describe('router', () => {
  const setup = () => {
    const calls: string[] = [];
    return { calls, route: createRouter(fakeHandlers(calls), () => self) };
  };

  it('runs a valid request from an allowed sender', async () => {
    const { route, calls } = setup();
    const res = await route({ type: 'deal/view', dealKey: 'salesforce:0065g00000AcmeQAAS' }, senders.sidebar);
    expect(res).toEqual({ ok: true, data: { fine: true } });
    expect(calls).toEqual(['deal/view']);
  });

  it.each([
    ['another extension', senders.otherExtension],
    ['a sender without id', senders.noId],
  ])('rejects %s before parsing anything', async (_n, sender) => {
    const { route, calls } = setup();
    const res = await route({ type: 'settings/get' }, sender);
    expect(res).toMatchObject({ ok: false, error: { code: 'bad-sender' } });
    expect(calls).toEqual([]);
  });

  it('a content script can report a snapshot but cannot read coaching data', async () => {
    const { route, calls } = setup();
    for (const request of [
      { type: 'deal/view', dealKey: 'salesforce:0065g00000AcmeQAAS' },
      { type: 'draft/get', key: 'note:salesforce:0065g00000AcmeQAAS' },
      { type: 'settings/get' },
      { type: 'reps/list' },
      { type: 'sidebar/current' },
      { type: 'callReview/forDeal', dealKey: 'salesforce:0065g00000AcmeQAAS' },
    ]) {
      expect(await route(request, senders.content)).toMatchObject({ ok: false, error: { code: 'bad-sender' } });
    }
    expect(calls).toEqual([]);
    expect(await route({ type: 'page/snapshot', snapshot: null }, senders.content)).toMatchObject({ ok: true });
  });

  it('only Options (an unframed extension page) may change which sites Dealside reads; only a content script asks its site\'s CRM', async () => {
    const { route, calls } = setup();
    const add = { type: 'sites/add', address: 'crm.example.com', crm: 'salesforce' };
    const remove = { type: 'sites/remove', origin: 'https://crm.example.com' };
    for (const sender of [senders.content, senders.sidebar]) {
      expect(await route(add, sender)).toMatchObject({ ok: false, error: { code: 'bad-sender' } });
      expect(await route(remove, sender)).toMatchObject({ ok: false, error: { code: 'bad-sender' } });
    }
    expect(await route({ type: 'page/siteCrm' }, senders.popup)).toMatchObject({ ok: false, error: { code: 'bad-sender' } });
    expect(calls).toEqual([]);
    expect(await route({ ...add, crm: 'excel' }, senders.popup)).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    expect(await route({ ...remove, origin: 'http://crm.example.com' }, senders.popup)).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    expect(calls).toEqual([]);
    expect(await route(add, senders.popup)).toMatchObject({ ok: true });
    expect(await route({ type: 'page/siteCrm' }, senders.content)).toMatchObject({ ok: true });
    expect(calls).toEqual(['sites/add', 'page/siteCrm']);
  });

  it('only our framed sidebar may ask which deal its tab shows', async () => {
    const { route } = setup();
    expect(await route({ type: 'sidebar/current', frameToken: 'a' }, senders.popup)).toMatchObject({ ok: false, error: { code: 'bad-sender' } });
    expect(await route({ type: 'sidebar/current', frameToken: 'a' }, senders.sidebar)).toMatchObject({ ok: true });
  });

  it.each([
    ['no type', {}],
    ['a number', 42],
    ['null', null],
    ['an unknown type', { type: 'db/dropEverything' }],
    ['a prototype key', { type: '__proto__' }],
    ['toString', { type: 'toString' }],
  ])('rejects %s as unknown-type', async (_n, message) => {
    const { route, calls } = setup();
    expect(await route(message, senders.sidebar)).toMatchObject({ ok: false, error: { code: 'unknown-type' } });
    expect(calls).toEqual([]);
  });

  it.each([
    ['a score of 6', { type: 'score/add', dealKey: 'salesforce:0065g00000AcmeQAAS', dimension: 'discovery', value: 6 }],
    ['a score of 2.5', { type: 'score/add', dealKey: 'salesforce:0065g00000AcmeQAAS', dimension: 'discovery', value: 2.5 }],
    ['an unknown dimension', { type: 'score/add', dealKey: 'salesforce:0065g00000AcmeQAAS', dimension: 'vibes', value: 3 }],
    ['a bad deal key', { type: 'note/add', dealKey: 'javascript:alert(1)', body: { kind: 'free', text: 'x' } }],
    ['an empty note', { type: 'note/add', dealKey: 'salesforce:0065g00000AcmeQAAS', body: { kind: 'free', text: '   ' } }],
    ['a huge note', { type: 'note/add', dealKey: 'salesforce:0065g00000AcmeQAAS', body: { kind: 'free', text: 'x'.repeat(10_001) } }],
    ['a non-date due', { type: 'commitment/create', dealKey: 'salesforce:0065g00000AcmeQAAS', text: 'MAP', due: 'Thursday' }],
    ['an impossible date', { type: 'commitment/create', dealKey: 'salesforce:0065g00000AcmeQAAS', text: 'MAP', due: '2026-02-30' }],
    ['a blank next step (it would erase the one it replaces)', { type: 'nextStep/set', dealKey: 'salesforce:0065g00000AcmeQAAS', text: '   ' }],
    ['a renegotiation without reason', { type: 'commitment/renegotiate', id: 'c1', newDue: '2026-12-01', reason: '', note: '' }],
    ['settings with a bad role', { type: 'settings/set', patch: { user: { name: 'X', role: 'admin' } } }],
    // a field the protocol does not name is refused, not dropped unseen: at the top and inside
    ['a field the request does not have', { type: 'deal/view', dealKey: 'salesforce:0065g00000AcmeQAAS', tabId: 99 }],
    ['a field inside the settings patch', { type: 'settings/set', patch: { sidebar: { width: 300, injected: true } } }],
    ['a field inside a note body', { type: 'note/add', dealKey: 'salesforce:0065g00000AcmeQAAS', body: { kind: 'free', text: 'x', at: '2020-01-01' } }],
  ])('rejects %s as bad-request', async (_n, message) => {
    const { route, calls } = setup();
    expect(await route(message, senders.sidebar)).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    expect(calls).toEqual([]);
  });

  it('rejects a page snapshot with a javascript: url or an odd record id', async () => {
    const { route } = setup();
    const base = { crm: 'salesforce', recordId: '0065g00000AcmeQAAS', host: 'acme.lightning.force.com', url: CRM, readAt: '2026-11-25T10:00:00.000Z' };
    // the base itself passes: each variant below is refused for what it changes
    expect(await route({ type: 'page/snapshot', snapshot: base }, senders.content)).toMatchObject({ ok: true });
    for (const snapshot of [
      { ...base, url: 'javascript:alert(1)' },
      { ...base, recordId: '../../etc' },
      { ...base, name: 'x'.repeat(301) },
      { ...base, crm: 'myspace' },
    ]) {
      expect(await route({ type: 'page/snapshot', snapshot }, senders.content)).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    }
  });

  it('passes typed handler errors through and hides internal ones', async () => {
    const { route } = setup();
    expect(await route({ type: 'commitment/resolve', id: 'c1', outcome: 'kept', note: '' }, senders.sidebar)).toEqual({
      ok: false,
      error: { code: 'invalid-state', message: 'already resolved' },
    });
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {});
    const internal = await route({ type: 'reps/list' }, senders.popup);
    expect(logged).toHaveBeenCalled(); // the real error goes to the background's log only
    logged.mockRestore();
    expect(internal).toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(JSON.stringify(internal)).not.toContain('disk on fire');
  });

  it('has a sender rule for every request type in the protocol', () => {
    const types = requestSchema.options.map((o) => o.shape.type.value).sort();
    expect(Object.keys(ALLOWED_SENDERS).sort()).toEqual(types);
  });
});
