import { useEffect, useRef, useState, type FormEvent } from 'react';
import { send } from '../../../lib/messages/client';
import type { NextStep, Settings } from '../../../lib/model';
import { formatDay, formatInstant } from '../../../lib/dates';
import { useDueParser } from '../hooks/useDueParser';
import { useFocusBack } from '../hooks/useFocusBack';
import { liveNextStep, nextStepStatus, STALE_AFTER_DAYS } from '../../../lib/rules/next-step';
import { TIME_ZONE } from '../App';
import { capitalise } from '../../../lib/words';
import { isOrderDependentDate } from '../../../lib/crm/slash-dates';
import { browser } from 'wxt/browser';
import { useDraft } from '../hooks/useDraft';
import { DraftProblems } from './DraftProblems';
import { ErrorAlert, Saving } from './FormStatus';
import { nextStepDraftKey } from '../../../lib/model/keys';

/**
 * The step being typed, stored as typed (hooks/useDraft.ts): a move to another deal and back, a
 * reload or a closed tab loses none of it. `editing` marks a form open with changes (its text may
 * be emptied on the way to a new one); `basis` is the step's version the form opened on.
 */
const DRAFT_FIELDS = ['editing', 'text', 'date', 'basis'] as const;
type StepDraft = ReturnType<typeof useDraft>;

const ORDER_WORDS = { 'day-first': 'day first', 'month-first': 'month first' } as const;

const TONE: Record<string, string> = {
  'No next step': 'bad',
  Overdue: 'bad',
  Stale: 'warn',
  'No date': 'warn',
  'Due today': 'warn',
  Scheduled: 'good',
  Done: 'good',
};

/** The deal's next step: from the CRM field when the page shows one, else typed here. */
export function NextStepSection({
  now,
  dealKey,
  step: stored,
  crmLabel,
  crmDate,
  dateOrder,
}: {
  /** today (hooks/useToday.ts): "Due today", "Overdue" and "Stale" turn at midnight */
  now: Date;
  dealKey: string;
  step: NextStep | null;
  crmLabel: string;
  /** the date in the CRM's next step as written ("05/12/2026"), and as read (iso) when the order was known */
  crmDate?: { text: string; iso?: string | undefined } | undefined;
  /** the date order set in Options */
  dateOrder: Settings['dateOrder'];
}) {
  const status = nextStepStatus(stored, now, TIME_ZONE);
  // A step the CRM's page now shows blank is no next step; what it was is said, not offered for editing.
  const step = liveNextStep(stored);
  const cleared = stored?.crmClearedAt ? stored : null;
  const [editing, setEditing] = useState(false);
  const draft = useDraft(nextStepDraftKey(dealKey), DRAFT_FIELDS);
  // a step typed before (on this deal, before a move away, a reload or a closed tab): its form opens again with it
  const typedBefore = draft.value.editing === 'yes';
  useEffect(() => {
    if (typedBefore) setEditing(true);
  }, [typedBefore]);
  const [error, setError] = useState('');
  const fromCrm = step?.source === 'crm';
  // 05/12/2026 reads two ways: say which way it was read (or that it could not be), never silently.
  // Only while the step's date is the one read from it: a date set in the sidebar is not the CRM's reading.
  const dateReadsTwoWays = fromCrm && !!crmDate && isOrderDependentDate(crmDate.text) && step?.due === crmDate.iso;
  // Keyboard focus follows the form: into it when it opens, back to its button when it
  // closes, to the heading when "Mark done" (just pressed) goes away. Not on first render.
  const heading = useRef<HTMLHeadingElement>(null);
  const editButton = useRef<HTMLButtonElement>(null);
  const wasEditing = useRef(false);
  useEffect(() => {
    if (wasEditing.current && !editing) editButton.current?.focus();
    wasEditing.current = editing;
  }, [editing]);

  const markDone = async () => {
    setError('');
    try {
      // the step on screen: one stored since (a CRM read, another tab) is refused, and shown with the reason
      await send({ type: 'nextStep/markDone', dealKey, shownText: step?.text ?? '' });
      heading.current?.focus();
    } catch (e) {
      setError((e as Error).message);
    }
  };

  return (
    <section aria-labelledby="next-step-h">
      <h2 id="next-step-h" ref={heading} tabIndex={-1}>
        Next step
      </h2>
      <p>
        <span className={`chip status ${TONE[status] ?? ''}`} data-testid="next-step-status">
          {status}
        </span>
      </p>
      {step?.text ? (
        <>
          <p data-testid="next-step-text">{step.text}</p>
          <p className="muted">
            {step.due ? `Date: ${formatDay(step.due)}. ` : ''}
            {fromCrm ? `From ${crmLabel}` : 'Entered in Dealside'}; text unchanged since{' '}
            {formatInstant(step.textChangedAt, TIME_ZONE)}.
            {status === 'Stale' && ` Stale: unchanged for ${STALE_AFTER_DAYS} days or more. Check with the buyer that it still stands, or update it.`}
          </p>
          {dateReadsTwoWays && crmDate && (
            <p className="muted" data-testid="date-order-hint">
              {crmDate.iso
                ? `${crmDate.text} was read as ${formatDay(crmDate.iso)}${dateOrder === 'auto' ? '' : ` (${ORDER_WORDS[dateOrder]}, as set in Options)`}.`
                : `${crmDate.text} could be read either way round: Dealside took no date from it.`}{' '}
              <button type="button" className="small" onClick={() => void browser.runtime.openOptionsPage()}>
                {dateOrder === 'auto' ? 'Set the date order' : 'Change the date order'}
              </button>
            </p>
          )}
        </>
      ) : (
        <p className="muted">
          {capitalise(crmLabel)} shows no next step for this deal. Agree one with the buyer and note it here or in {crmLabel}.
        </p>
      )}
      {cleared && (
        <p className="muted" data-testid="next-step-cleared">
          Cleared in {crmLabel} ({formatInstant(cleared.crmClearedAt!, TIME_ZONE)}); it was “{cleared.text}”
          {cleared.due ? `, due ${formatDay(cleared.due)}` : ''}.
        </p>
      )}
      <div className="row">
        {step?.text && status !== 'Done' && (
          <button type="button" onClick={() => void markDone()}>
            Mark done
          </button>
        )}
        {!editing && (
          <button type="button" ref={editButton} onClick={() => setEditing(true)}>
            {step?.text ? 'Edit next step' : 'Add next step'}
          </button>
        )}
      </div>
      {editing && (
        <NextStepForm
          dealKey={dealKey}
          step={step}
          crmHint={
            fromCrm
              ? `${capitalise(crmLabel)} shows its own next step; a change in ${crmLabel} replaces this one.`
              : cleared
                ? `${capitalise(crmLabel)} shows no next step; one entered there later replaces this one.`
                : ''
          }
          draft={draft}
          onDone={() => {
            // what was typed is saved, or let go (nothing stored when nothing was typed)
            if (draft.value.editing === 'yes') draft.discard();
            setEditing(false);
          }}
        />
      )}
      {/* the button goes once the draft loads: the keyboard goes to the section's heading */}
      <DraftProblems draft={draft} what="The next step you were typing" onRetry={() => heading.current?.focus()} />
      <ErrorAlert message={error} />
    </section>
  );
}

function NextStepForm({
  dealKey,
  step,
  crmHint,
  draft,
  onDone,
}: {
  dealKey: string;
  step: NextStep | null;
  crmHint: string;
  draft: StepDraft;
  onDone: () => void;
}) {
  // the form starts from the step shown; once changed, from what is typed (stored as typed)
  const typed = draft.value.editing === 'yes';
  const text = typed ? (draft.value.text ?? '') : (step?.text ?? '');
  const dateInput = typed ? (draft.value.date ?? '') : (step?.due ?? '');
  // The step as the form opened on it: changed since (another tab, the CRM), saving would replace it unseen.
  const openedOn = useRef(step?.updatedAt);
  const basis = typed ? draft.value.basis || undefined : openedOn.current;
  const keep = (patch: { text?: string; date?: string }) =>
    draft.updateFields({ editing: 'yes', text, date: dateInput, basis: basis ?? '', ...patch });
  const setText = (t: string) => keep({ text: t });
  const setDateInput = (d: string) => keep({ date: d });
  const [error, setError] = useState('');
  /** saving: the fields hold still (what is typed meanwhile would go when the form closes) and Enter does not send twice */
  const [busy, setBusy] = useState(false);
  const focusBack = useFocusBack();
  const changedMeanwhile = step?.updatedAt !== basis;
  const { parse: parseDue, refusal, waiting } = useDueParser();
  const parsed = dateInput.trim() && parseDue ? parseDue(dateInput, new Date(), TIME_ZONE) : null;
  /** typed, read, and not a date: said under the field, and the field marked (not while the parser loads) */
  const dateInvalid = !!dateInput.trim() && !!parseDue && !parsed;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    // A blank step is not saved: it would erase the one it replaces (Mark done says it happened).
    if (busy || !text.trim() || (dateInput.trim() && !parsed)) return;
    focusBack.started();
    setBusy(true);
    setError('');
    try {
      await send({ type: 'nextStep/set', dealKey, text: text.trim(), ...(parsed ? { due: parsed.iso } : {}) });
      onDone();
    } catch (err) {
      setError((err as Error).message);
      setBusy(false);
      focusBack.failed();
    }
  };
  return (
    <form
      onSubmit={submit}
      aria-label="Edit next step"
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.preventDefault();
          onDone();
        }
      }}
    >
      {crmHint && <p className="hint">{crmHint}</p>}
      {changedMeanwhile && (
        <p className="hint" role="status">
          {step?.text ? `The next step changed while you were editing: it is now “${step.text}”.` : 'The next step was cleared while you were editing.'} Saving
          replaces it with what is typed here.
        </p>
      )}
      <label htmlFor="next-step-text">Next step text</label>
      {/* opened by the user's own press of Add/Edit: the keyboard goes where the typing is */}
      <input
        id="next-step-text"
        type="text"
        value={text}
        maxLength={1000}
        readOnly={busy || !draft.loaded}
        autoFocus
        aria-describedby="next-step-text-hint"
        onChange={(e) => setText(e.target.value)}
      />
      <p id="next-step-text-hint" className="hint">
        {text.trim() ? '' : step?.text ? 'Type the new next step (Mark done records that this one happened).' : 'Type the next step agreed with the buyer.'}
      </p>
      <label htmlFor="next-step-date">Next step date</label>
      <input
        id="next-step-date"
        type="text"
        value={dateInput}
        maxLength={100}
        readOnly={busy || !draft.loaded}
        placeholder="e.g. next Tuesday"
        aria-describedby="next-step-date-hint"
        aria-invalid={dateInvalid || undefined}
        onChange={(e) => setDateInput(e.target.value)}
      />
      <p id="next-step-date-hint" className="hint" aria-live="polite">
        {dateInput.trim()
          ? parsed
            ? `→ ${parsed.label}`
            : !parseDue
              ? waiting
              : (refusal?.(dateInput, new Date(), TIME_ZONE) ?? 'Not a date Dealside understands.')
          : ''}
      </p>
      <div className="row">
        {/* disabled, it says why: the text missing, or the date not read (the hints above) */}
        <button
          type="submit"
          className="primary"
          disabled={busy || !text.trim() || (!!dateInput.trim() && !parsed)}
          aria-describedby="next-step-text-hint next-step-date-hint"
        >
          Save next step
        </button>
        <button type="button" onClick={onDone}>
          Cancel
        </button>
      </div>
      <Saving busy={busy} />
      <ErrorAlert message={error} />
    </form>
  );
}
