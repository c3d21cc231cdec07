/**
 * The review timer as plain values: time accumulates only while running, and
 * the panel pauses it while the tab is hidden. Clock readings are passed in
 * (ms from a monotonic clock such as performance.now()) so it is testable and
 * a wall-clock change cannot add or remove time.
 */

/** The weekly review should take about ten minutes. */
export const REVIEW_TARGET_MS = 10 * 60 * 1000;

export interface TimerState {
  /** time counted before the current run */
  accumulatedMs: number;
  /** clock reading when the current run began; null while paused */
  runningSince: number | null;
}

export function newTimer(accumulatedMs = 0): TimerState {
  return { accumulatedMs: Math.max(0, Math.floor(accumulatedMs) || 0), runningSince: null };
}

export function startTimer(t: TimerState, now: number): TimerState {
  return t.runningSince === null ? { ...t, runningSince: now } : t;
}

export function pauseTimer(t: TimerState, now: number): TimerState {
  if (t.runningSince === null) return t;
  return { accumulatedMs: t.accumulatedMs + Math.max(0, now - t.runningSince), runningSince: null };
}

export function elapsedMs(t: TimerState, now: number): number {
  const run = t.runningSince === null ? 0 : Math.max(0, now - t.runningSince);
  return Math.floor(t.accumulatedMs + run);
}

/** Follow page visibility: hidden pauses, visible resumes. */
export function onVisibility(t: TimerState, hidden: boolean, now: number): TimerState {
  return hidden ? pauseTimer(t, now) : startTimer(t, now);
}

/** "4:05 of 10:00", "12:30 — 2:30 over the 10-minute target". */
export function describeElapsed(ms: number, targetMs = REVIEW_TARGET_MS): { text: string; over: boolean } {
  const fmt = (x: number) => {
    const total = Math.floor(x / 1000);
    return `${Math.floor(total / 60)}:${String(total % 60).padStart(2, '0')}`;
  };
  const over = ms > targetMs;
  const targetMin = Math.round(targetMs / 60000);
  return over
    ? { text: `${fmt(ms)} — ${fmt(ms - targetMs)} over the ${targetMin}-minute target`, over }
    : { text: `${fmt(ms)} of ${fmt(targetMs)}`, over };
}
