import { useCallback, useEffect, useRef, useState } from 'react';
import { send } from '../../../lib/messages/client';

const SAVE_AFTER_MS = 300;

/**
 * Text that survives closing the tab mid-sentence: loaded from the draft
 * store, saved a moment after each change and at once when the frame is
 * hidden or unloaded. Typing only re-renders the component that owns it.
 */
export function useDraft(key: string, fields: readonly string[]) {
  const empty = useCallback(() => Object.fromEntries(fields.map((f) => [f, ''])), [fields]);
  const [value, setValue] = useState<Record<string, string>>(empty);
  const [loaded, setLoaded] = useState(false);
  const pending = useRef<Record<string, string> | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  const flush = useCallback(() => {
    clearTimeout(timer.current);
    const v = pending.current;
    pending.current = null;
    if (!v) return;
    const hasText = Object.values(v).some((s) => s.trim());
    void (hasText ? send({ type: 'draft/save', key, value: v }) : send({ type: 'draft/clear', key })).catch(() => {});
  }, [key]);

  useEffect(() => {
    let live = true;
    setLoaded(false);
    setValue(empty());
    send({ type: 'draft/get', key })
      .then((d) => {
        if (live && d) setValue({ ...empty(), ...d.value });
      })
      .catch(() => {})
      .finally(() => live && setLoaded(true));
    const onHide = () => flush();
    window.addEventListener('pagehide', onHide);
    document.addEventListener('visibilitychange', onHide);
    return () => {
      live = false;
      flush();
      window.removeEventListener('pagehide', onHide);
      document.removeEventListener('visibilitychange', onHide);
    };
  }, [key, empty, flush]);

  const update = useCallback(
    (field: string, text: string) => {
      setValue((prev) => {
        const next = { ...prev, [field]: text };
        pending.current = next;
        return next;
      });
      clearTimeout(timer.current);
      timer.current = setTimeout(flush, SAVE_AFTER_MS);
    },
    [flush],
  );

  /** after the note was saved (the background cleared the stored draft in the same transaction) */
  const reset = useCallback(() => {
    clearTimeout(timer.current);
    pending.current = null;
    setValue(empty());
  }, [empty]);

  return { value, update, reset, loaded };
}
