import { describe, expect, it, vi } from 'vitest';
import { momentOnEdit, pinSeconds, type MediaReply } from '../../../lib/calls/pin-moment';

const at = (currentTime: number): MediaReply => ({ hasMedia: true, currentTime });
const none: MediaReply = { hasMedia: false, currentTime: 0 };

describe('momentOnEdit (the note box marks when typing began)', () => {
  it('marks at the first character typed into the empty box, then keeps that moment while the note is written', () => {
    expect(momentOnEdit('', 'P')).toBe('mark');
    expect(momentOnEdit('P', 'Pr')).toBe('keep');
    expect(momentOnEdit('Pricing objectio', 'Pricing objection')).toBe('keep');
    expect(momentOnEdit('', 'Pasted whole note')).toBe('mark');
  });
  it('forgets it when the box is emptied, so the next note marks its own moment', () => {
    expect(momentOnEdit('Pricing', '')).toBe('forget');
    expect(momentOnEdit('', '')).toBe('keep');
  });
});

describe('pinSeconds', () => {
  it('pins at the moment typing began, not at the Enter 15 s later while the recording plays', async () => {
    const askNow = vi.fn(async () => at(80));
    expect(await pinSeconds('', Promise.resolve(at(65)), askNow)).toEqual({ at: 65 });
    expect(askNow).not.toHaveBeenCalled();
  });
  it('waits for the moment still on its way (a note pasted and pinned at once)', async () => {
    let answer: (m: MediaReply) => void = () => {};
    const marked = new Promise<MediaReply>((r) => (answer = r));
    const pinned = pinSeconds('', marked, async () => at(99));
    answer(at(12.5));
    expect(await pinned).toEqual({ at: 12.5 });
  });
  it('a time typed beside the note wins; one that cannot be read is said so', async () => {
    const askNow = vi.fn(async () => at(80));
    expect(await pinSeconds('2:10', Promise.resolve(at(65)), askNow)).toEqual({ at: 130 });
    expect(await pinSeconds(' 0:04 ', null, askNow)).toEqual({ at: 4 });
    expect(await pinSeconds('soon', Promise.resolve(at(65)), askNow)).toEqual({ error: 'time' });
    expect(askNow).not.toHaveBeenCalled();
  });
  it('no media when typing began (or the question failed): the media’s time now, else no media to pin at', async () => {
    expect(await pinSeconds('', Promise.resolve(none), async () => at(30))).toEqual({ at: 30 });
    expect(await pinSeconds('', Promise.reject(new Error('gone')), async () => at(31))).toEqual({ at: 31 });
    expect(await pinSeconds('', null, async () => at(32))).toEqual({ at: 32 });
    expect(await pinSeconds('', Promise.resolve(none), async () => none)).toEqual({ error: 'media' });
    expect(await pinSeconds('', null, () => Promise.reject(new Error('gone')))).toEqual({ error: 'media' });
  });
});
