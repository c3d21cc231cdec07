import { describe, expect, it } from 'vitest';
import { callAddressFor, cleanCallTitle, genericCallAddress, longMediaId, parseCallAddress, withCurrentMediaKey } from '../../../lib/calls/address';

describe('parseCallAddress', () => {
  it.each([
    ['https://app.gong.io/call?id=7782342274025937895', 'gong:7782342274025937895'],
    ['https://us-27496.app.gong.io/call?id=1234567890123&highlights=true', 'gong:1234567890123'],
    ['https://app.gong.io/call/?id=123456789', 'gong:123456789'],
    ['https://zoom.us/rec/play/AbC-12_xyz.DEF~ghi', 'zoom:AbC-12_xyz.DEF~ghi'],
    ['https://zoom.us/rec/share/Zq8Kd0LmNoPq.RsTuVwXyZ?startTime=1700000000000', 'zoom:Zq8Kd0LmNoPq.RsTuVwXyZ'],
    ['https://us02web.zoom.us/rec/play/4xYzAbCdEfGh', 'zoom:4xYzAbCdEfGh'],
    ['https://acme.zoom.us/rec/share/AbCdEfGhIjKl/', 'zoom:AbCdEfGhIjKl'],
    ['https://chorus.ai/meeting/E4F00AFC0C4A4036A7AC370653A50112?', 'chorus:E4F00AFC0C4A4036A7AC370653A50112'],
    ['https://chorus.ai/meeting/D7C6C9D01E204DCB88270A8FF5B14586?start=0', 'chorus:D7C6C9D01E204DCB88270A8FF5B14586'],
    ['https://chorus.ai/meeting/602925?tab=summary&call=415473F6505845088F020C86560C2762', 'chorus:415473F6505845088F020C86560C2762'],
  ])('%s → %s', (url, key) => {
    expect(parseCallAddress(url)?.callKey).toBe(key);
  });

  it('splits provider and id', () => {
    expect(parseCallAddress('https://app.gong.io/call?id=123456789')).toEqual({
      provider: 'gong',
      callId: '123456789',
      callKey: 'gong:123456789',
    });
  });

  it.each([
    'https://app.gong.io/home',
    'https://app.gong.io/call',
    'https://app.gong.io/call?id=abc',
    'https://app.gong.io/calls?id=123456789',
    'http://app.gong.io/call?id=123456789',
    'https://evilapp.gong.io.example.com/call?id=123456789',
    'https://notapp.gong.io/call?id=123456789',
    'https://zoom.us/rec/play/',
    'https://zoom.us/j/123456789',
    'https://zoom.us/rec/play/abc',
    'https://zoom.us.evil.com/rec/play/AbCdEfGhIjKl',
    'https://zoom.us/rec/play/AbCdEfGhIjKl/extra',
    'https://chorus.ai/',
    'https://chorus.ai/meetings/E4F00AFC0C4A4036A7AC370653A50112',
    'https://chorus.ai.evil.com/meeting/E4F00AFC0C4A4036A7AC370653A50112',
    'https://example.com/meeting/E4F00AFC0C4A4036A7AC370653A50112',
    'not a url',
    '',
  ])('rejects %s', (url) => {
    expect(parseCallAddress(url)).toBeNull();
  });
});

describe('generic pages (Review this call)', () => {
  it('uses the page address without its fragment', () => {
    expect(genericCallAddress('https://intranet.example.com/videos/42?t=1#chapter')?.callKey).toBe(
      'media:https://intranet.example.com/videos/42?t=1',
    );
  });
  it("keeps a fragment that is the app's route: a player showing each recording at its own #/ address", () => {
    const one = genericCallAddress('https://app.example.com/#/recordings/1')?.callKey;
    expect(one).toBe('media:https://app.example.com/#/recordings/1');
    expect(genericCallAddress('https://app.example.com/#!/recordings/2')?.callKey).toBe('media:https://app.example.com/#!/recordings/2');
    expect(one).not.toBe(genericCallAddress('https://app.example.com/#/recordings/2')?.callKey);
    // a fragment that is no route (a chapter, a time) is still not the call's
    expect(genericCallAddress('https://app.example.com/videos/1#t=30')?.callKey).toBe('media:https://app.example.com/videos/1');
  });
  it('refuses non-web schemes', () => {
    expect(genericCallAddress('file:///tmp/a.mp4')).toBeNull();
    expect(genericCallAddress('chrome://settings')).toBeNull();
  });
  it('prefers the provider, and only falls back when asked', () => {
    expect(callAddressFor('https://app.gong.io/call?id=123456789', true)?.provider).toBe('gong');
    expect(callAddressFor('https://example.com/v', false)).toBeNull();
    expect(callAddressFor('https://example.com/v', true)?.provider).toBe('media');
  });
  it('bounds very long addresses', () => {
    const key = genericCallAddress(`https://example.com/${'a'.repeat(3000)}`)?.callKey ?? '';
    expect(key.length).toBeLessThanOrEqual(400);
    expect(genericCallAddress(`https://example.com/${'a'.repeat(3000)}`)?.callId.length).toBeLessThanOrEqual(300);
  });
  it('keeps two recordings apart whose long addresses share their first 290 characters (Teams recordings in SharePoint)', () => {
    const folder = `https://contoso.sharepoint.com/sites/Sales/_layouts/15/stream.aspx?id=${encodeURIComponent('/sites/Sales/Shared Documents/General/Recordings/2026/Q1/Pipeline reviews/Northwind — Weekly pipeline review with the regional sales managers and the partner team')}`;
    const week1 = `${folder}${encodeURIComponent('-20260301_100312-Meeting Recording.mp4')}`;
    const week2 = `${folder}${encodeURIComponent('-20260308_100245-Meeting Recording.mp4')}`;
    expect(week1.slice(0, 290)).toBe(week2.slice(0, 290));
    const [a, b] = [genericCallAddress(week1)!, genericCallAddress(week2)!];
    expect(a.callKey).not.toBe(b.callKey);
    // the same address gives the same call every time (a reload finds its draft)
    expect(genericCallAddress(week1)!.callKey).toBe(a.callKey);
    expect(a.callId.length).toBeLessThanOrEqual(300);
    expect(a.callId.startsWith(week1.slice(0, 200))).toBe(true);
    // short addresses are kept whole, as before
    expect(genericCallAddress('https://example.com/v?x=1')!.callId).toBe('https://example.com/v?x=1');
  });
  it("leaves out the parameters that only say how a link was reached: one SharePoint recording opened from Stream, Teams and a campaign e-mail is one call", () => {
    const file = 'https://contoso.sharepoint.com/sites/Sales/_layouts/15/stream.aspx?id=%2Fsites%2FSales%2FRecordings%2FAcme-discovery.mp4';
    const fromStream = `${file}&referrer=StreamWebApp.Web&referrerScenario=AddressBarCopied.view&ga=1`;
    const fromTeams = `${file}&nav=eyJyZWZlcnJhbEluZm8iOnt9fQ%3D%3D&OR=Teams-HL&CT=1764230400000&clickparams=eyJBcHBOYW1lIjoiVGVhbXMifQ%3D%3D`;
    const fromMail = `${file}&utm_source=newsletter&UTM_Campaign=q4&gclid=abc`;
    for (const address of [fromStream, fromTeams, fromMail]) expect(genericCallAddress(address)!.callId).toBe(file);
    // another recording in the same folder stays another call
    expect(genericCallAddress(`${file.replace('Acme', 'Globex')}&ga=1`)!.callId).not.toBe(genericCallAddress(fromStream)!.callId);
    // a sharing link's token and an unknown parameter are the recording's: kept, in their order
    expect(genericCallAddress('https://contoso-my.sharepoint.com/:v:/g/personal/dana/EaBcD?e=Xy12Zw&referrer=Teams')!.callId).toBe(
      'https://contoso-my.sharepoint.com/:v:/g/personal/dana/EaBcD?e=Xy12Zw',
    );
    expect(genericCallAddress('https://example.com/watch?utm_medium=email&v=42&list=7')!.callId).toBe('https://example.com/watch?v=42&list=7');
    // SharePoint's own names mean nothing elsewhere: another site's `ga` or `nav` may pick the recording
    expect(genericCallAddress('https://videos.example.com/play?nav=3&ga=2')!.callId).toBe('https://videos.example.com/play?nav=3&ga=2');
    // only tracking: no query left; nothing taken out: the query exactly as written
    expect(genericCallAddress('https://example.com/v?fbclid=1')!.callId).toBe('https://example.com/v');
    expect(genericCallAddress('https://example.com/v?a=1&&b')!.callId).toBe('https://example.com/v?a=1&&b');
  });
});

describe('withCurrentMediaKey (stored reviews keyed as an earlier Dealside keyed them)', () => {
  const file = 'https://contoso.sharepoint.com/sites/Sales/_layouts/15/stream.aspx?id=%2FRecordings%2FAcme.mp4';
  const stored = (url: string, callId: string) => ({ id: 'r', provider: 'media', callId, callKey: `media:${callId}`, url });
  it('re-keys a review keyed with its tracking parameters (before v12) from the address it stores', () => {
    const url = `${file}&referrer=StreamWebApp.Web&ga=1`;
    expect(withCurrentMediaKey(stored(url, url))).toEqual({ ...stored(url, file), callKey: `media:${file}` });
  });
  it('re-keys a long address cut short (before v9), and one kept with its digest (v9 to v11)', () => {
    const long = `${file}${'%2FRecordings'.repeat(30)}&referrer=StreamWebApp.Web`;
    const now = genericCallAddress(long)!;
    expect(withCurrentMediaKey(stored(long, long.slice(0, 290))).callKey).toBe(now.callKey);
    expect(withCurrentMediaKey(stored(long, longMediaId(long))).callKey).toBe(now.callKey);
  });
  it('leaves alone a review already keyed the current way, one keyed from another address, and any other provider', () => {
    const current = stored(file, file);
    expect(withCurrentMediaKey(current)).toBe(current);
    const other = stored(`${file}&ga=1`, 'https://elsewhere.example.com/v');
    expect(withCurrentMediaKey(other)).toBe(other);
    const gong = { ...stored(`${file}&ga=1`, `${file}&ga=1`), provider: 'gong' };
    expect(withCurrentMediaKey(gong)).toBe(gong);
    expect(withCurrentMediaKey(null)).toBeNull();
  });
});

describe('cleanCallTitle', () => {
  it.each([
    ['gong', 'Acme Corp — Discovery call | Gong', 'Acme Corp — Discovery call'],
    ['zoom', 'Acme weekly pipeline sync - Zoom', 'Acme weekly pipeline sync'],
    ['chorus', 'Pricing review | Chorus.ai', 'Pricing review'],
    ['media', 'Team video | Gong', 'Team video | Gong'],
    ['gong', '  Gong  ', 'Gong'],
    ['zoom', 'Zoom', 'Zoom'],
  ] as const)('%s: %s', (provider, raw, clean) => {
    expect(cleanCallTitle(provider, raw)).toBe(clean);
  });
  it('bounds the length', () => {
    expect(cleanCallTitle('media', 'x'.repeat(1000))).toHaveLength(300);
  });
});
