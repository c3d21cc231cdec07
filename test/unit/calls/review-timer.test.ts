import { describe, expect, it } from 'vitest';
import {
  REVIEW_TARGET_MS,
  describeElapsed,
  elapsedMs,
  newTimer,
  onVisibility,
  pauseTimer,
  startTimer,
} from '../../../lib/calls/review-timer';

describe('review timer', () => {
  it('counts only while running', () => {
    let t = newTimer();
    t = startTimer(t, 1000);
    expect(elapsedMs(t, 4000)).toBe(3000);
    t = pauseTimer(t, 5000);
    expect(elapsedMs(t, 60_000)).toBe(4000);
  });
  it('pauses while the tab is hidden and resumes when visible', () => {
    let t = startTimer(newTimer(), 0);
    t = onVisibility(t, true, 10_000); // hidden after 10 s
    t = onVisibility(t, false, 70_000); // back a minute later
    expect(elapsedMs(t, 75_000)).toBe(15_000);
  });
  it('continues from the time already stored with the review', () => {
    const t = startTimer(newTimer(120_000), 0);
    expect(elapsedMs(t, 5000)).toBe(125_000);
  });
  it('starting twice or pausing twice changes nothing', () => {
    const t = startTimer(startTimer(newTimer(), 100), 900);
    expect(t.runningSince).toBe(100);
    const p = pauseTimer(pauseTimer(t, 1100), 5000);
    expect(elapsedMs(p, 9999)).toBe(1000);
  });
  it('never goes backwards if the clock does', () => {
    const t = startTimer(newTimer(500), 1000);
    expect(elapsedMs(t, 900)).toBe(500);
  });
  it('rejects odd stored values', () => {
    expect(newTimer(-5).accumulatedMs).toBe(0);
    expect(newTimer(Number.NaN).accumulatedMs).toBe(0);
  });
  it('describes progress against the ten-minute target', () => {
    expect(REVIEW_TARGET_MS).toBe(600_000);
    expect(describeElapsed(245_000)).toEqual({ text: '4:05 of 10:00', over: false });
    expect(describeElapsed(750_000)).toEqual({ text: '12:30 — 2:30 over the 10-minute target', over: true });
  });
});
