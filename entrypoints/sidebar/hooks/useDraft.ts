import { useCallback, useEffect, useRef, useState } from 'react';
import { send } from '../../../lib/messages/client';

/**
 * Text that survives closing the tab mid-sentence: loaded from the draft
 * store and sent to the background on every change. Not debounced: a frame
 * torn down with its tab cannot finish a timer, but a message already sent is
 * delivered. Messages from one frame arrive in order, so the last one wins.
 * Typing only re-renders the component that owns the draft.
 */
export function useDraft(key: string, fields: readonly string[]) {
  const empty = useCallback(() => Object.fromEntries(fields.map((f) => [f, ''])), [fields]);
  const [value, setValue] = useState<Record<string, string>>(empty);
  const [loaded, setLoaded] = useState(false);
  /** the latest value, so fast keystrokes each build on the one before */
  const valueRef = useRef(value);
  const save = useCallback(
    (v: Record<string, string>) => {
      const hasText = Object.entries(v).some(([f, s]) => f !== 'mode' && f !== 'diagnosis' && s.trim());
      void (hasText ? send({ type: 'draft/save', key, value: v }) : send({ type: 'draft/clear', key })).catch(() => {});
    },
    [key],
  );

  useEffect(() => {
    let live = true;
    setLoaded(false);
    valueRef.current = empty();
    setValue(valueRef.current);
    send({ type: 'draft/get', key })
      .then((d) => {
        if (live && d) {
          valueRef.current = { ...empty(), ...d.value };
          setValue(valueRef.current);
        }
      })
      .catch(() => {})
      .finally(() => live && setLoaded(true));
    return () => {
      live = false;
    };
  }, [key, empty]);

  const update = useCallback(
    (field: string, text: string) => {
      const next = { ...valueRef.current, [field]: text };
      valueRef.current = next;
      setValue(next);
      save(next);
    },
    [save],
  );

  /**
   * After the note was saved (the background cleared the stored draft in the same
   * transaction). `keep`: fields the next one starts with (the format chosen), in
   * memory only: nothing is stored until the user types.
   */
  const reset = useCallback(
    (keep: Record<string, string> = {}) => {
      valueRef.current = { ...empty(), ...keep };
      setValue(valueRef.current);
    },
    [empty],
  );

  return { value, update, reset, loaded };
}
