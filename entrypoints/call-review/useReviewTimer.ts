import { useEffect, useMemo, useRef, useState } from 'react';
import { elapsedMs, newTimer, onVisibility, startTimer, type TimerState } from '../../lib/calls/review-timer';

/**
 * The running review timer: counts while the panel is on screen, pauses while its tab is hidden
 * (visibilitychange reaches the framed panel too) or the panel is collapsed (slid off the page's
 * edge, which the frame sees as leaving the viewport: its page tells it nothing). `reset` starts a
 * new count (another call) from what that review already had.
 */
export function useReviewTimer(): { ms: number; read: () => number; reset: (fromMs: number) => void } {
  const timer = useRef<TimerState>(newTimer());
  const [ms, setMs] = useState(0);
  const offScreen = useRef(false);
  /** not counting: the tab hidden, or the panel off screen */
  const away = () => document.hidden || offScreen.current;

  useEffect(() => {
    if (!away()) timer.current = startTimer(timer.current, performance.now());
    const onVis = () => {
      timer.current = onVisibility(timer.current, away(), performance.now());
      setMs(elapsedMs(timer.current, performance.now()));
    };
    document.addEventListener('visibilitychange', onVis);
    // the panel slid off the page (collapsed) or back: no part of it in the viewport
    const seen = typeof IntersectionObserver === 'function'
      ? new IntersectionObserver(([entry]) => {
          offScreen.current = !entry?.isIntersecting;
          onVis();
        })
      : null;
    seen?.observe(document.documentElement);
    const id = window.setInterval(() => {
      if (!away()) setMs(elapsedMs(timer.current, performance.now()));
    }, 1000);
    return () => {
      document.removeEventListener('visibilitychange', onVis);
      seen?.disconnect();
      window.clearInterval(id);
    };
  }, []);

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
    [],
  );
  return { ms, ...api };
}
