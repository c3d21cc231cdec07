import { useEffect, useMemo, useRef, useState } from 'react';
import { elapsedMs, newTimer, onVisibility, startTimer, type TimerState } from '../../lib/calls/review-timer';

/**
 * The running review timer: counts while this tab is visible, pauses while it
 * is hidden (visibilitychange reaches the framed panel too). `reset` starts a
 * new count (another call) from what that review already had.
 */
export function useReviewTimer(): { ms: number; read: () => number; reset: (fromMs: number) => void } {
  const timer = useRef<TimerState>(newTimer());
  const [ms, setMs] = useState(0);

  useEffect(() => {
    if (!document.hidden) timer.current = startTimer(timer.current, performance.now());
    const onVis = () => {
      timer.current = onVisibility(timer.current, document.hidden, performance.now());
      setMs(elapsedMs(timer.current, performance.now()));
    };
    document.addEventListener('visibilitychange', onVis);
    const id = window.setInterval(() => {
      if (!document.hidden) setMs(elapsedMs(timer.current, performance.now()));
    }, 1000);
    return () => {
      document.removeEventListener('visibilitychange', onVis);
      window.clearInterval(id);
    };
  }, []);

  // Stable functions: callers keep them in effect dependencies.
  const api = useMemo(
    () => ({
      read: () => elapsedMs(timer.current, performance.now()),
      reset: (fromMs: number) => {
        const t = newTimer(fromMs);
        timer.current = document.hidden ? t : startTimer(t, performance.now());
        setMs(elapsedMs(timer.current, performance.now()));
      },
    }),
    [],
  );
  return { ms, ...api };
}
