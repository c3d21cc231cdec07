import { useId, useState, type FormEvent } from 'react';
import { send } from '../../../../lib/messages/client';
import type { Commitment } from '../../../../lib/model';
import { newDueRefusal } from '../../../../lib/rules/commitments';
import { TIME_ZONE } from '../../App';
import { useDueParser } from '../../hooks/useDueParser';
import { useFocusBack } from '../../hooks/useFocusBack';
import { ErrorAlert, Saving } from '../FormStatus';
import { useOutcomeDraft, type OutcomeDraft } from './outcome-drafts';
import type { Settled } from './settled';

/** The outcome note and the outcomes open to a commitment now; renegotiating and dropping ask for more first. */
export function OutcomeControls({ c, due, onSettled }: { c: Commitment; due: boolean } & Settled) {
  const id = useId();
  const {
    draft: { note, more, newDue, reason, dropReason },
    setDraft,
    settling,
    clear,
    loaded,
  } = useOutcomeDraft(c.id);
  const setNote = (note: string) => setDraft({ note });
  const setMore = (more: OutcomeDraft['more']) => setDraft({ more });
  const setNewDue = (newDue: string) => setDraft({ newDue });
  const setReason = (reason: string) => setDraft({ reason });
  const setDropReason = (dropReason: string) => setDraft({ dropReason });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  const focusBack = useFocusBack();
  const { parse: parseDue, refusal, waiting } = useDueParser();
  const parsed = newDue.trim() && parseDue ? parseDue(newDue, new Date(), TIME_ZONE) : null;
  /** a date already past, or the one it has: said under the field, and not sent */
  const dateProblem = parsed ? newDueRefusal(c, parsed.iso, new Date(), TIME_ZONE) : null;
  /** typed and not accepted (not a date, or refused): the field is marked (not while the parser loads) */
  const dueInvalid = !!newDue.trim() && !!parseDue && (!parsed || !!dateProblem);
  /** the button disabled with one of its two fields typed: what is missing, said beside it */
  const renegotiateHint = busy ? '' : newDue.trim() && !reason.trim() ? 'Add a reason to save.' : reason.trim() && !newDue.trim() ? 'Add a new due date to save.' : '';

  const act = async (fn: () => Promise<unknown>, done: string) => {
    focusBack.started();
    setBusy(true);
    setError('');
    settling(true);
    try {
      await fn();
      // what was typed is in the record now: the stored draft lets it go
      clear();
      // Stays busy: the change event re-renders the list without this promise, and a
      // second press meanwhile would only be refused as already resolved.
      onSettled(`${done}: ${c.text}`);
    } catch (e) {
      settling(false);
      // Refused because another tab settled it meanwhile, its change already shown: this prompt
      // is gone with the open promise, so its error would show nowhere. Touching the draft runs
      // the section's check again, which shows what was typed here as settled elsewhere.
      setDraft({});
      setError((e as Error).message);
      setBusy(false);
      focusBack.failed();
    }
  };
  const resolve = (outcome: 'kept' | 'missed') =>
    act(() => send({ type: 'commitment/resolve', id: c.id, outcome, note: note.trim() }), outcome === 'kept' ? 'Marked kept' : 'Marked missed');
  const renegotiate = (e: FormEvent) => {
    e.preventDefault();
    if (!parsed || dateProblem || !reason.trim()) return;
    void act(() =>
      send({
        type: 'commitment/renegotiate',
        id: c.id,
        newDue: parsed.iso,
        newDueInput: newDue.trim().slice(0, 100),
        reason: reason.trim(),
        note: note.trim(),
      }),
      `Renegotiated to ${parsed.label}`,
    );
  };
  const drop = (e: FormEvent) => {
    e.preventDefault();
    if (!dropReason.trim()) return;
    void act(() => send({ type: 'commitment/resolve', id: c.id, outcome: 'dropped', reason: dropReason.trim(), note: note.trim() }), 'Dropped');
  };
  const toggle = (which: 'renegotiate' | 'drop') => setMore(more === which ? null : which);

  return (
    <>
      <label htmlFor={`${id}-note`}>Outcome note</label>
      <textarea id={`${id}-note`} value={note} maxLength={2000} readOnly={busy || !loaded} onChange={(e) => setNote(e.target.value)} />
      <div className="row">
        <button type="button" disabled={busy} onClick={() => void resolve('kept')}>
          Kept
        </button>
        {due && (
          <button type="button" disabled={busy} onClick={() => void resolve('missed')}>
            Missed
          </button>
        )}
        <button type="button" disabled={busy} aria-expanded={more === 'renegotiate'} onClick={() => toggle('renegotiate')}>
          Renegotiate
        </button>
        <button type="button" disabled={busy} aria-expanded={more === 'drop'} onClick={() => toggle('drop')}>
          Drop
        </button>
      </div>
      {more === 'renegotiate' && (
        <form onSubmit={renegotiate}>
          <label htmlFor={`${id}-due`}>New due date</label>
          <input
            id={`${id}-due`}
            type="text"
            value={newDue}
            readOnly={busy || !loaded}
            onChange={(e) => setNewDue(e.target.value)}
            placeholder="e.g. next Friday"
            aria-describedby={`${id}-due-hint`}
            aria-invalid={dueInvalid || undefined}
          />
          <p id={`${id}-due-hint`} className="hint" aria-live="polite">
            {newDue.trim()
              ? parsed
                ? (dateProblem ?? `→ ${parsed.label}`)
                : !parseDue
                  ? waiting
                  : (refusal?.(newDue, new Date(), TIME_ZONE) ?? 'Not a date Dealside understands.')
              : ''}
          </p>
          <label htmlFor={`${id}-reason`}>Reason</label>
          <input id={`${id}-reason`} type="text" value={reason} maxLength={2000} readOnly={busy || !loaded} onChange={(e) => setReason(e.target.value)} />
          {renegotiateHint && (
            <p id={`${id}-save-hint`} className="hint">
              {renegotiateHint}
            </p>
          )}
          {/* disabled, it says why: a field left to fill, or the date's problem (under the date) */}
          <button
            type="submit"
            disabled={busy || !parsed || !!dateProblem || !reason.trim()}
            aria-describedby={`${renegotiateHint ? `${id}-save-hint ` : ''}${id}-due-hint`}
          >
            Save new date
          </button>
        </form>
      )}
      {more === 'drop' && (
        <form onSubmit={drop}>
          <label htmlFor={`${id}-drop`}>Why is it dropped?</label>
          <input
            id={`${id}-drop`}
            type="text"
            value={dropReason}
            maxLength={2000}
            readOnly={busy || !loaded}
            placeholder="e.g. the buyer chose another route"
            onChange={(e) => setDropReason(e.target.value)}
          />
          <button type="submit" disabled={busy || !dropReason.trim()}>
            Drop commitment
          </button>
        </form>
      )}
      <Saving busy={busy} />
      <ErrorAlert message={error} />
    </>
  );
}
