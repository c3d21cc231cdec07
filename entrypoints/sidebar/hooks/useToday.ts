import { useEffect, useState } from 'react';

/**
 * Now, as of today: renews itself when the day changes, so words that depend on the
 * date ("Due today", "Overdue", "Stale", a commitment's "What happened?") turn at
 * midnight in a sidebar left open overnight. A timer for just after midnight, and a
 * look whenever the frame is shown or focused again (timers sleep with the machine
 * and are held back in background tabs).
 */
export function useToday(): Date {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const renewIfNewDay = () => {
      const current = new Date();
      if (current.toDateString() !== now.toDateString()) setNow(current);
    };
    const midnight = new Date(now);
    midnight.setHours(24, 0, 1, 0);
    const timer = setTimeout(renewIfNewDay, midnight.getTime() - now.getTime());
    document.addEventListener('visibilitychange', renewIfNewDay);
    window.addEventListener('focus', renewIfNewDay);
    return () => {
      clearTimeout(timer);
      document.removeEventListener('visibilitychange', renewIfNewDay);
      window.removeEventListener('focus', renewIfNewDay);
    };
  }, [now]);
  return now;
}
