import { useCallback, useEffect, useRef, useState } from 'react';
import { onChange, send } from '../../../lib/messages/client';

/**
 * Text that survives closing the tab mid-sentence: loaded from the draft
 * store and sent to the background on every change. Not debounced: a frame
 * torn down with its tab cannot finish a timer, but a message already sent is
 * delivered. Messages from one frame arrive in order, so the last one wins.
 * Typing only re-renders the component that owns the draft.
 *
 * Nothing is saved until the stored draft has loaded (`loaded`; the fields are
 * read-only until then), so a keystroke never replaces a draft not yet seen,
 * nor one that failed to load (`loadError`, with `retryLoad`). A save that
 * fails says so (`saveError`) until one succeeds. Another tab's composer of
 * the same draft writing it (ChangeEvent.draft) loads it again here, so two
 * tabs on a deal show one draft and neither types over the other's text.
 */
/** Text typed in any field but the note's format and diagnosis (a choice, not words to keep). */
const holdsText = (v: Record<string, string>) => Object.entries(v).some(([f, s]) => f !== 'mode' && f !== 'diagnosis' && s.trim());

export function useDraft(key: string, fields: readonly string[]) {
  const empty = useCallback(() => Object.fromEntries(fields.map((f) => [f, ''])), [fields]);
  const [value, setValue] = useState<Record<string, string>>(empty);
  const [loaded, setLoaded] = useState(false);
  const [loadError, setLoadError] = useState('');
  const [saveError, setSaveError] = useState('');
  const [loadTick, setLoadTick] = useState(0);
  /** this composer, in the saves it sends: its own come back in change events, and are not loaded again */
  const [writer] = useState(() => crypto.randomUUID());
  /** the latest value, so fast keystrokes each build on the one before */
  const valueRef = useRef(value);
  const loadedRef = useRef(false);
  /** bumped by every change made here (a keystroke, a reset): a reload fetched before one is stale */
  const saveSeq = useRef(0);
  /** saves sent and not yet answered; another tab's draft is loaded only once they are (they may land after the fetch) */
  const inflight = useRef(0);
  const reloadAfterSaves = useRef<(() => void) | null>(null);

  const save = useCallback(
    (v: Record<string, string>) => {
      const seq = ++saveSeq.current;
      inflight.current++;
      (holdsText(v) ? send({ type: 'draft/save', key, value: v, writer }) : send({ type: 'draft/clear', key, writer }))
        .then(
          () => seq === saveSeq.current && setSaveError(''),
          (e: Error) => seq === saveSeq.current && setSaveError(e.message),
        )
        .finally(() => {
          if (--inflight.current > 0) return;
          const reload = reloadAfterSaves.current;
          reloadAfterSaves.current = null;
          reload?.();
        });
    },
    [key, writer],
  );

  const show = useCallback(
    (stored: { value: Record<string, string> } | null) => {
      valueRef.current = stored ? { ...empty(), ...stored.value } : empty();
      setValue(valueRef.current);
    },
    [empty],
  );

  useEffect(() => {
    let live = true;
    loadedRef.current = false;
    setLoaded(false);
    setLoadError('');
    valueRef.current = empty();
    setValue(valueRef.current);
    send({ type: 'draft/get', key })
      .then((d) => {
        if (!live) return;
        show(d);
        loadedRef.current = true;
        setLoaded(true);
      })
      .catch((e: Error) => live && setLoadError(e.message));
    // Another tab wrote this draft (or added the note it held), or changes may have been missed
    // (the connection came back): show what is stored now. Fetched, not taken from the event,
    // which carries no text: change events reach every page.
    const reload = () => {
      const seq = saveSeq.current;
      send({ type: 'draft/get', key })
        .then((d) => {
          // a keystroke (or a note added) here since is newer than what was fetched: it stands
          if (live && seq === saveSeq.current) show(d);
        })
        .catch(() => {});
    };
    const off = onChange((event) => {
      const theirs = event.draft?.key === key && event.draft.writer !== writer;
      if (!(theirs || event.resync) || !loadedRef.current) return;
      if (inflight.current > 0) reloadAfterSaves.current = reload;
      else reload();
    });
    return () => {
      live = false;
      reloadAfterSaves.current = null;
      off();
    };
  }, [key, empty, show, writer, loadTick]);

  /** Several fields at once, in one save. Nothing until the stored draft has loaded. */
  const updateFields = useCallback(
    (patch: Record<string, string>) => {
      if (!loadedRef.current) return;
      const next = { ...valueRef.current, ...patch };
      valueRef.current = next;
      setValue(next);
      save(next);
    },
    [save],
  );
  const update = useCallback((field: string, text: string) => updateFields({ [field]: text }), [updateFields]);

  /**
   * After the note was saved (the background cleared the stored draft in the same
   * transaction). `keep`: fields the next one starts with (the format chosen, text typed
   * in the other format); stored again only if they hold text, so a draft is never lost
   * and an empty one never written.
   */
  const reset = useCallback(
    (keep: Record<string, string> = {}) => {
      saveSeq.current++;
      valueRef.current = { ...empty(), ...keep };
      setValue(valueRef.current);
      if (holdsText(keep)) save(valueRef.current);
    },
    [empty, save],
  );

  /** What it held was saved elsewhere (a commitment created from it), or let go: empty here and in the store. */
  const discard = useCallback(() => {
    reset();
    save(valueRef.current); // nothing typed: the stored draft is cleared
  }, [reset, save]);

  /** Show the draft as stored now (another tab's composer wrote it last); nothing typed here meanwhile is replaced. */
  const showStored = useCallback(() => {
    const seq = ++saveSeq.current;
    send({ type: 'draft/get', key })
      .then((d) => seq === saveSeq.current && show(d))
      .catch(() => {});
  }, [key, show]);

  const retryLoad = useCallback(() => setLoadTick((n) => n + 1), []);

  return { value, update, updateFields, reset, discard, showStored, loaded, loadError, saveError, retryLoad, writer };
}
