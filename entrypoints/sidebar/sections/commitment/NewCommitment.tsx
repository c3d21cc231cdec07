import { useState, type FormEvent } from 'react';
import { send } from '../../../../lib/messages/client';
import type { Person } from '../../../../lib/model';
import { todayIn } from '../../../../lib/dates';
import { commitmentDraftKey } from '../../../../lib/model/keys';
import { TIME_ZONE } from '../../App';
import { useDraft } from '../../hooks/useDraft';
import { useDueParser, useExampleDate } from '../../hooks/useDueParser';
import { useFocusBack } from '../../hooks/useFocusBack';
import { DraftProblems } from '../DraftProblems';
import { ErrorAlert, Saving } from '../FormStatus';
import type { Settled } from './settled';

/** A new promise: the rep's words and a date typed as a date or words, shown back before saving. */
const NEW_COMMITMENT_FIELDS = ['text', 'due'] as const;

export function NewCommitment({ dealKey, user, owner, onSettled }: { dealKey: string; user: Person; owner: string | undefined } & Settled) {
  // stored as typed (hooks/useDraft.ts): a move to another deal and back, or a closed tab, loses nothing
  const draft = useDraft(commitmentDraftKey(dealKey), NEW_COMMITMENT_FIELDS);
  const text = draft.value.text ?? '';
  const dueInput = draft.value.due ?? '';
  const setText = (t: string) => draft.update('text', t);
  const setDueInput = (t: string) => draft.update('due', t);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  const focusBack = useFocusBack();
  const { parse: parseDue, refusal, waiting } = useDueParser();
  const example = useExampleDate();
  const parsed = dueInput.trim() && parseDue ? parseDue(dueInput, new Date(), TIME_ZONE) : null;
  // Allowed (a manager may record a promise from last week's 1:1 to ask about it now), but
  // said plainly: a mistyped year would otherwise make a promise due the moment it is saved.
  const past = !!parsed && parsed.iso < todayIn(TIME_ZONE, new Date());
  /** typed and not a date (a past one is allowed, and said): the field is marked (not while the parser loads) */
  const dueInvalid = !!dueInput.trim() && !!parseDue && !parsed;
  /** the button disabled with one of its two fields typed: what is missing, said beside it */
  const saveHint = busy ? '' : text.trim() && !dueInput.trim() ? 'Add a due date to save.' : dueInput.trim() && !text.trim() ? 'Type the commitment to save.' : '';
  const forRep = user.role === 'manager' && !!owner;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!text.trim() || !parsed) return;
    focusBack.started();
    setBusy(true);
    setError('');
    try {
      await send({
        type: 'commitment/create',
        dealKey,
        text: text.trim(),
        due: parsed.iso,
        dueInput: dueInput.trim().slice(0, 100),
        onBehalfOfRep: forRep,
      });
      draft.discard();
      // The emptied form disables the button just pressed: focus goes to the heading, above the new promise.
      onSettled(`Saved: ${text.trim()} — by ${parsed.label}`);
    } catch (err) {
      setError((err as Error).message);
      focusBack.failed();
    } finally {
      setBusy(false);
    }
  };

  return (
    <form onSubmit={submit} aria-label="New commitment">
      <label htmlFor="commitment-text">Commitment</label>
      <input
        id="commitment-text"
        type="text"
        value={text}
        // read-only while saving as well: the saved form is emptied, and with it anything typed meanwhile
        readOnly={busy || !draft.loaded}
        maxLength={500}
        // short enough to show whole at the sidebar's default width
        placeholder={`${user.role === 'rep' ? 'In your words' : "In the rep's words"}: a signed plan with Acme`}
        onChange={(e) => setText(e.target.value)}
      />
      <label htmlFor="commitment-due">Due</label>
      <input
        id="commitment-due"
        type="text"
        value={dueInput}
        readOnly={busy || !draft.loaded}
        maxLength={100}
        placeholder={`by Thursday, end of month, ${example}`}
        aria-describedby="commitment-due-read"
        aria-invalid={dueInvalid || undefined}
        onChange={(e) => setDueInput(e.target.value)}
      />
      <p id="commitment-due-read" className="hint" aria-live="polite">
        {dueInput.trim()
          ? parsed
            ? `→ ${parsed.label}${past ? ': already past, so it will ask what happened as soon as it is saved' : ''}`
            : !parseDue
              ? waiting
              : (refusal?.(dueInput, new Date(), TIME_ZONE) ?? `Not a date Dealside understands. Try "next Friday" or ${example}.`)
          : ''}
      </p>
      {forRep && <p className="hint">Recorded as {owner}'s commitment, in their words.</p>}
      {user.role === 'manager' && !owner && (
        <p className="hint">This page shows no deal owner, so it is recorded as your own commitment.</p>
      )}
      {saveHint && (
        <p id="commitment-save-hint" className="hint">
          {saveHint}
        </p>
      )}
      {/* disabled, it says why: a field left to fill, or the date not read (under the date) */}
      <button
        type="submit"
        className="primary"
        disabled={busy || !text.trim() || !parsed}
        aria-describedby={`${saveHint ? 'commitment-save-hint ' : ''}commitment-due-read`}
      >
        Save commitment
      </button>
      <Saving busy={busy} />
      {/* the button goes once the draft loads: the keyboard goes to the commitment's words */}
      <DraftProblems draft={draft} what="The commitment you were typing" onRetry={() => document.getElementById('commitment-text')?.focus()} />
      <ErrorAlert message={error} />
    </form>
  );
}
