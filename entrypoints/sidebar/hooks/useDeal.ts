import { useCallback, useEffect, useRef, useState } from 'react';
import { onChange, send } from '../../../lib/messages/client';
import type { CurrentDeal, DealView } from '../../../lib/messages/protocol';
import type { Settings } from '../../../lib/model';

export interface SidebarState {
  settings: Settings | null;
  current: CurrentDeal | null;
  view: DealView | null;
  error: string;
  reloadSettings: () => void;
}

/**
 * Which deal this frame's tab shows (asked of the background, keyed by our
 * tab — never taken from postMessage, which the CRM page could forge), its
 * coaching data, and the settings; all kept fresh from change broadcasts, so
 * two tabs on the same deal stay in sync.
 */
export function useSidebarState(): SidebarState {
  const [settings, setSettings] = useState<Settings | null>(null);
  const [current, setCurrent] = useState<CurrentDeal | null>(null);
  const [view, setView] = useState<DealView | null>(null);
  const [error, setError] = useState('');
  const dealKeyRef = useRef<string | null>(null);
  const tabRef = useRef<number | null>(null);
  /** drops answers that arrive after a newer request (fast SPA navigation) */
  const generation = useRef(0);

  const loadView = useCallback(async (dealKey: string | null) => {
    const gen = ++generation.current;
    if (!dealKey) {
      setView(null);
      return;
    }
    try {
      const v = await send({ type: 'deal/view', dealKey });
      if (gen === generation.current) {
        setView(v);
        setError('');
      }
    } catch (e) {
      if (gen === generation.current) setError((e as Error).message);
    }
  }, []);

  const loadCurrent = useCallback(async () => {
    try {
      const c = await send({ type: 'sidebar/current' });
      tabRef.current = c.tabId;
      const changedDeal = c.dealKey !== dealKeyRef.current;
      dealKeyRef.current = c.dealKey;
      setCurrent(c);
      if (changedDeal) setView(null);
      await loadView(c.dealKey);
    } catch (e) {
      setError((e as Error).message);
    }
  }, [loadView]);

  const reloadSettings = useCallback(() => {
    send({ type: 'settings/get' })
      .then(setSettings)
      .catch((e: Error) => setError(e.message));
  }, []);

  /** First paint: everything in one round trip. */
  const open = useCallback(async () => {
    const gen = ++generation.current;
    try {
      const o = await send({ type: 'sidebar/open' });
      if (gen !== generation.current) return;
      tabRef.current = o.current.tabId;
      dealKeyRef.current = o.current.dealKey;
      setSettings(o.settings);
      setCurrent(o.current);
      setView(o.view);
    } catch (e) {
      setError((e as Error).message);
    }
  }, []);

  useEffect(() => {
    void open();
    return onChange((event) => {
      if (event.settings) reloadSettings();
      if (event.resync) void loadCurrent();
      else if (tabRef.current !== null && event.tabIds.includes(tabRef.current)) void loadCurrent();
      else if (dealKeyRef.current && event.dealKeys.includes(dealKeyRef.current)) void loadView(dealKeyRef.current);
    });
  }, [open, loadCurrent, loadView, reloadSettings]);

  useEffect(() => {
    const theme = settings?.theme ?? 'system';
    if (theme === 'system') delete document.documentElement.dataset.theme;
    else document.documentElement.dataset.theme = theme;
  }, [settings?.theme]);

  return { settings, current, view, error, reloadSettings };
}
