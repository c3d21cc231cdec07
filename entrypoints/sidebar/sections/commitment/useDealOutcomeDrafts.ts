import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { Commitment } from '../../../../lib/model';
import { outcomeDraftKey } from '../../../../lib/model/keys';
import { useDraft } from '../../hooks/useDraft';
import { EMPTY_OUTCOME, OUTCOME_TEXT, type OutcomeDraft } from './outcome-drafts';

/** none named ahead (they are `{id}/{field}`), and one array for every render: useDraft reloads when its fields change */
const NO_FIELDS: readonly string[] = [];

/** The stored outcome draft's fields, per commitment id (ids with nothing typed left out). */
function outcomeTexts(value: Record<string, string>): Map<string, Record<string, string>> {
  const out = new Map<string, Record<string, string>>();
  for (const [field, text] of Object.entries(value)) {
    const cut = field.lastIndexOf('/');
    if (cut <= 0 || !text) continue;
    const id = field.slice(0, cut);
    out.set(id, { ...out.get(id), [field.slice(cut + 1)]: text });
  }
  return out;
}

/**
 * The deal's outcome drafts, as the section hands them to its promises (`drafts`, for
 * OutcomeDrafts), with the stored draft they are kept in (`stored`) and what was typed here
 * about promises settled elsewhere meanwhile (`settledElsewhere`, until dismissed).
 */
export function useDealOutcomeDrafts(dealKey: string, commitments: Commitment[]) {
  const stored = useDraft(outcomeDraftKey(dealKey), NO_FIELDS);
  const { updateFields } = stored;
  /** which outcome's extra fields are open, per promise: a choice on screen, not stored */
  const [moreOpen, setMoreOpen] = useState<Record<string, OutcomeDraft['more']>>({});
  /** bumped to run the settled-elsewhere check again (an outcome refused) */
  const [recheck, setRecheck] = useState(0);
  const outcomeDrafts = useMemo(() => {
    const all: Record<string, OutcomeDraft> = {};
    for (const [id, typed] of outcomeTexts(stored.value)) {
      // a renegotiation or drop half typed opens its fields again when shown
      const more = typed.newDue || typed.reason ? 'renegotiate' : typed.dropReason ? 'drop' : null;
      all[id] = { ...EMPTY_OUTCOME, more, ...typed };
    }
    for (const [id, more] of Object.entries(moreOpen)) all[id] = { ...(all[id] ?? EMPTY_OUTCOME), more };
    return all;
  }, [stored.value, moreOpen]);
  /** promises whose outcome is being (or was) recorded from here: their drafts went into the record */
  const settledHere = useRef(new Set<string>());
  const clearTyped = useCallback(
    (ids: readonly string[]) => updateFields(Object.fromEntries(ids.flatMap((id) => OUTCOME_TEXT.map((f) => [`${id}/${f}`, ''])))),
    [updateFields],
  );
  const drafts = useMemo(
    () => ({
      get: (id: string) => outcomeDrafts[id] ?? EMPTY_OUTCOME,
      set: (id: string, patch: Partial<OutcomeDraft>) => {
        const { more, ...typed } = patch;
        if (more !== undefined) setMoreOpen((all) => ({ ...all, [id]: more }));
        const fields = Object.entries(typed).map(([f, text]) => [`${id}/${f}`, text as string]);
        if (fields.length > 0) updateFields(Object.fromEntries(fields));
        else if (more === undefined) setRecheck((n) => n + 1);
      },
      // marked before the request: its change event can arrive before its answer
      settling: (id: string, yes: boolean) => void (yes ? settledHere.current.add(id) : settledHere.current.delete(id)),
      clear: (id: string) => void clearTyped([id]),
      loaded: stored.loaded,
    }),
    [outcomeDrafts, updateFields, clearTyped, stored.loaded],
  );
  // A promise settled elsewhere (another tab, another manager's browser restored) while an
  // outcome was being typed about it here: what was typed is not recorded, and is not dropped
  // unseen either — it is shown, to be copied into a note.
  const [settledElsewhere, setSettledElsewhere] = useState<string[]>([]);
  useEffect(() => {
    if (!stored.loaded) return;
    const lost = Object.entries(outcomeDrafts).flatMap(([id, d]) => {
      const c = commitments.find((x) => x.id === id);
      // what the record holds already is not lost (another tab on the deal, sharing this draft, recorded it)
      const recorded = new Set([c?.resolution?.note, c?.resolution?.reason].map((t) => t?.trim()));
      const newDue = c?.status === 'renegotiated' ? '' : d.newDue;
      const typed = [d.note, newDue, d.reason, d.dropReason].map((t) => t.trim()).filter((t) => t && !recorded.has(t));
      if (!c || c.status === 'open' || settledHere.current.has(id) || typed.length === 0) return [];
      const by = c.resolution ? ` by ${c.resolution.by.name}` : '';
      return [{ id, message: `“${c.text}” was marked ${c.status} elsewhere${by}. What you typed here was not recorded: ${typed.join(' — ')}` }];
    });
    if (lost.length === 0) return;
    setSettledElsewhere((shown) => [...shown, ...lost.map((l) => l.message)]);
    clearTyped(lost.map((l) => l.id));
  }, [commitments, outcomeDrafts, clearTyped, stored.loaded, recheck]);

  return { stored, drafts, settledElsewhere, dismissSettledElsewhere: () => setSettledElsewhere([]) };
}
