import { describe, expect, it } from 'vitest';
import { formatMediaTime, parseTypedTime, pickMedia, type MediaDescriptor } from '../../../lib/calls/media-pick';

const m = (over: Partial<MediaDescriptor>): MediaDescriptor => ({
  playing: false,
  area: 0,
  duration: Number.NaN,
  hasMetadata: false,
  ...over,
});

describe('pickMedia', () => {
  it('returns -1 when there is no media', () => {
    expect(pickMedia([])).toBe(-1);
  });
  it('prefers the playing element over a larger paused one', () => {
    expect(pickMedia([m({ area: 1_000_000, hasMetadata: true }), m({ area: 320 * 180, playing: true })])).toBe(1);
  });
  it('else picks the largest', () => {
    expect(pickMedia([m({ area: 200 * 100 }), m({ area: 1280 * 720 }), m({ area: 640 * 360 })])).toBe(1);
  });
  it('picks a playing audio element over a paused video', () => {
    expect(pickMedia([m({ area: 500_000 }), m({ area: 0, playing: true, hasMetadata: true, duration: 60 })])).toBe(1);
  });
  it('among invisible elements, prefers one with metadata', () => {
    expect(pickMedia([m({}), m({ hasMetadata: true, duration: 10 })])).toBe(1);
  });
  it('keeps document order on ties', () => {
    expect(pickMedia([m({ area: 10 }), m({ area: 10 })])).toBe(0);
  });
  it('ignores nonsense areas', () => {
    expect(pickMedia([m({ area: Number.NaN }), m({ area: -5 }), m({ area: 200 * 150 })])).toBe(2);
  });
  // The recording paused, page decoration playing: the review stays on the recording.
  it('a muted looping clip playing never beats the paused recording', () => {
    const recording = m({ area: 1280 * 720, hasMetadata: true, duration: 3600 });
    expect(pickMedia([m({ area: 1280 * 720, playing: true, muted: true, loop: true }), recording])).toBe(1);
    expect(pickMedia([m({ area: 640 * 360, playing: true, loop: true }), m({ area: 0, hasMetadata: true, duration: 3600 })])).toBe(1);
  });
  it('a tiny preview or avatar playing never beats the paused recording', () => {
    expect(pickMedia([m({ area: 48 * 48, playing: true, hasMetadata: true }), m({ area: 640 * 360, hasMetadata: true })])).toBe(1);
  });
  it('muted playback is no sign of the recording: the larger paused element wins', () => {
    expect(pickMedia([m({ area: 320 * 180, playing: true, muted: true }), m({ area: 1280 * 720 })])).toBe(1);
    // …and among muted elements only, the largest still wins (a recording muted by the person)
    expect(pickMedia([m({ area: 320 * 180, muted: true }), m({ area: 1280 * 720, muted: true, playing: true })])).toBe(1);
  });
  it('background media is still followed when it is all there is', () => {
    expect(pickMedia([m({ area: 48 * 48, loop: true }), m({ area: 64 * 64, loop: true, hasMetadata: true })])).toBe(1);
  });
});

describe('parseTypedTime', () => {
  it.each([
    ['0:02', 2],
    ['4:05', 245],
    ['12:30', 750],
    ['1:02:05', 3725],
    ['90', 90],
    [' 2:00 ', 120],
  ])('%s → %d s', (input, s) => expect(parseTypedTime(input)).toBe(s));
  it.each(['', 'abc', '1:2', '1:60', '1:75:00', '-1', '2:00pm', '25:00:00'])('rejects %s', (input) => {
    expect(parseTypedTime(input)).toBeNull();
  });
});

describe('formatMediaTime', () => {
  it.each([
    [0, '0:00'],
    [2.9, '0:02'],
    [75.4, '1:15'],
    [3725, '1:02:05'],
    [Number.NaN, '0:00'],
  ])('%d → %s', (s, text) => expect(formatMediaTime(s)).toBe(text));
});
