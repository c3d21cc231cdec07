import { useEffect, useMemo, useRef, useState } from 'react';

/**
 * Is the panel seen? Not while its tab is hidden (visibilitychange reaches the framed panel too),
 * nor while the panel is collapsed: slid off the page's edge, which the frame sees as leaving the
 * viewport (its page tells it nothing). `seen` renders again at each change, for effects that run
 * only while the panel is seen; `away()` reads it at any moment.
 */
export function usePanelSeen(): { seen: boolean; away: () => boolean } {
  const offScreen = useRef(false);
  const [seen, setSeen] = useState(() => !document.hidden);
  const away = useMemo(() => () => document.hidden || offScreen.current, []);

  useEffect(() => {
    const check = () => setSeen(!away());
    document.addEventListener('visibilitychange', check);
    // the panel slid off the page (collapsed) or back: no part of it in the viewport
    const watch = typeof IntersectionObserver === 'function'
      ? new IntersectionObserver(([entry]) => {
          offScreen.current = !entry?.isIntersecting;
          check();
        })
      : null;
    watch?.observe(document.documentElement);
    return () => {
      document.removeEventListener('visibilitychange', check);
      watch?.disconnect();
    };
  }, [away]);

  return { seen, away };
}
