import { useEffect, useMemo, useRef, useState } from 'react';
import { elapsedMs, newTimer, onVisibility, startTimer, type TimerState } from '../../lib/calls/review-timer';
import { usePanelSeen } from './usePanelSeen';

/**
 * The running review timer: counts while the panel is seen (usePanelSeen), pauses while its tab is
 * hidden or the panel is collapsed. `reset` starts a new count (another call) from what that review
 * already had.
 */
export function useReviewTimer(): { ms: number; read: () => number; reset: (fromMs: number) => void } {
  const timer = useRef<TimerState>(newTimer());
  const [ms, setMs] = useState(0);
  // away(): not counting (the tab hidden, or the panel off screen)
  const { seen, away } = usePanelSeen();

  // Starts the count on mount (when seen), and pauses or resumes it at each change.
  useEffect(() => {
    timer.current = onVisibility(timer.current, !seen, performance.now());
    setMs(elapsedMs(timer.current, performance.now()));
  }, [seen]);

  useEffect(() => {
    const id = window.setInterval(() => {
      if (!away()) setMs(elapsedMs(timer.current, performance.now()));
    }, 1000);
    return () => window.clearInterval(id);
  }, [away]);

  // Stable functions: callers keep them in effect dependencies.
  const api = useMemo(
    () => ({
      read: () => elapsedMs(timer.current, performance.now()),
      reset: (fromMs: number) => {
        const t = newTimer(fromMs);
        timer.current = away() ? t : startTimer(t, performance.now());
        setMs(elapsedMs(timer.current, performance.now()));
      },
    }),
    [away],
  );
  return { ms, ...api };
}
