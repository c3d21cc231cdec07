import { createContext, useContext } from 'react';

/** What is typed about one promise's outcome, before it is recorded. */
export interface OutcomeDraft {
  note: string;
  more: 'renegotiate' | 'drop' | null;
  newDue: string;
  reason: string;
  dropReason: string;
}
export const EMPTY_OUTCOME: OutcomeDraft = { note: '', more: null, newDue: '', reason: '', dropReason: '' };

/** The typed fields of an outcome draft, stored as `{id}/{field}` in the deal's outcome draft. */
export const OUTCOME_TEXT = ['note', 'newDue', 'reason', 'dropReason'] as const;

/**
 * Outcome drafts per commitment id, kept by the section rather than by each promise's
 * controls (a promise that falls due at midnight is drawn as another component, and one
 * pushed past the first three by a new promise is unmounted), and stored as a draft of the
 * deal's (hooks/useDraft.ts): what was typed stays across a move to another deal and back,
 * a reload or a closed tab, as a coaching note's does.
 */
export const OutcomeDrafts = createContext<{
  get: (id: string) => OutcomeDraft;
  set: (id: string, patch: Partial<OutcomeDraft>) => void;
  /** an outcome being recorded from here (true), or that failed to be (false) */
  settling: (id: string, yes: boolean) => void;
  /** recorded: what was typed for it went into the record */
  clear: (id: string) => void;
  /** false until the stored drafts are shown (the fields are read-only until then) */
  loaded: boolean;
}>({
  get: () => EMPTY_OUTCOME,
  set: () => undefined,
  settling: () => undefined,
  clear: () => undefined,
  loaded: true,
});

/** One promise's outcome draft, from the section's (OutcomeDrafts). */
export function useOutcomeDraft(id: string) {
  const drafts = useContext(OutcomeDrafts);
  return {
    draft: drafts.get(id),
    setDraft: (patch: Partial<OutcomeDraft>) => drafts.set(id, patch),
    settling: (yes: boolean) => drafts.settling(id, yes),
    clear: () => drafts.clear(id),
    loaded: drafts.loaded,
  };
}
