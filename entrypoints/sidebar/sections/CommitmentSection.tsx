import { createContext, useCallback, useContext, useEffect, useId, useMemo, useRef, useState, type FormEvent } from 'react';
import { send } from '../../../lib/messages/client';
import type { Commitment, Person } from '../../../lib/model';
import { formatDay, formatInstant, todayIn } from '../../../lib/dates';
import { useDueParser, useExampleDate } from '../hooks/useDueParser';
import { useFocusBack } from '../hooks/useFocusBack';
import { commitmentQuestionLead, isDue, newDueRefusal, sortCommitments } from '../../../lib/rules/commitments';
import { TIME_ZONE } from '../App';
import { capitalise, sameName } from '../../../lib/words';
import { useDraft } from '../hooks/useDraft';
import { DraftProblems } from './DraftProblems';
import { commitmentDraftKey, outcomeDraftKey } from '../../../lib/model/keys';

/** What is typed about one promise's outcome, before it is recorded. */
interface OutcomeDraft {
  note: string;
  more: 'renegotiate' | 'drop' | null;
  newDue: string;
  reason: string;
  dropReason: string;
}
const EMPTY_OUTCOME: OutcomeDraft = { note: '', more: null, newDue: '', reason: '', dropReason: '' };

/** The typed fields of an outcome draft, stored as `{id}/{field}` in the deal's outcome draft. */
const OUTCOME_TEXT = ['note', 'newDue', 'reason', 'dropReason'] as const;
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
 * Outcome drafts per commitment id, kept by the section rather than by each promise's
 * controls (a promise that falls due at midnight is drawn as another component, and one
 * pushed past the first three by a new promise is unmounted), and stored as a draft of the
 * deal's (hooks/useDraft.ts): what was typed stays across a move to another deal and back,
 * a reload or a closed tab, as a coaching note's does.
 */
const OutcomeDrafts = createContext<{
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

function useOutcomeDraft(id: string) {
  const drafts = useContext(OutcomeDrafts);
  return {
    draft: drafts.get(id),
    setDraft: (patch: Partial<OutcomeDraft>) => drafts.set(id, patch),
    settling: (yes: boolean) => drafts.settling(id, yes),
    clear: () => drafts.clear(id),
    loaded: drafts.loaded,
  };
}

/** How long "Marked kept: …" stays under the heading. */
const SETTLED_SHOWN_MS = 8000;

interface Props {
  dealKey: string;
  commitments: Commitment[];
  user: Person;
  owner: string | undefined;
  /** today (hooks/useToday.ts): what is due turns at midnight */
  now: Date;
}

/**
 * The rep's commitment, in their own words and by when. Once due and
 * unresolved it leads with the 1:1 question; outcomes are recorded on the
 * record and never erased, renegotiations keep the old promise in history.
 */
export function CommitmentSection({ dealKey, commitments, user, owner, now }: Props) {
  const sorted = useMemo(() => sortCommitments(commitments, now, TIME_ZONE), [commitments, now]);
  const due = sorted.filter((c) => isDue(c, now, TIME_ZONE));
  const upcoming = sorted.filter((c) => c.status === 'open' && !isDue(c, now, TIME_ZONE));
  const history = sorted.filter((c) => c.status !== 'open');
  // A 1:1 goes through promises one at a time: the oldest few lead, the rest wait a click away.
  const [showAll, setShowAll] = useState(false);
  const FIRST = 3;
  const cut = <T,>(list: T[]) => (showAll ? list : list.slice(0, FIRST));
  const hidden = Math.max(0, due.length - FIRST) + Math.max(0, upcoming.length - FIRST);
  // A settled promise leaves the list with the button just pressed (and a saved one empties
  // the form, disabling its button): focus goes to the section's heading (not lost to the
  // page) and what happened is said aloud.
  const heading = useRef<HTMLHeadingElement>(null);
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
  const [settled, setSettled] = useState('');
  const onSettled = (message: string) => {
    setSettled(message);
    heading.current?.focus();
  };
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
  // Open at first while short; after that the person's own choice (a resolve here or in another
  // tab must not fold the list being read when it grows past ten).
  const [historyOpen, setHistoryOpen] = useState(history.length <= 10);
  // said once; the history below keeps the record
  useEffect(() => {
    if (!settled) return;
    const clear = setTimeout(() => setSettled(''), SETTLED_SHOWN_MS);
    return () => clearTimeout(clear);
  }, [settled]);

  return (
    <OutcomeDrafts.Provider value={drafts}>
      <section aria-labelledby="commitment-h">
        <h2 id="commitment-h" ref={heading} tabIndex={-1}>
          Commitment
        </h2>
        <p className="hint" role="status">
          {settled}
        </p>
        {/* the button goes once the drafts load: the keyboard goes to the section's heading */}
        <DraftProblems draft={stored} what="What you typed about these promises' outcomes" onRetry={() => heading.current?.focus()} />
        {settledElsewhere.length > 0 && (
          <div className="banner" role="alert">
            {settledElsewhere.map((m) => (
              <p key={m}>{m}</p>
            ))}
            <button
              type="button"
              className="small"
              onClick={() => {
                setSettledElsewhere([]);
                heading.current?.focus();
              }}
            >
              Dismiss
            </button>
          </div>
        )}
        {sorted.length === 0 && (
          <p className="muted">
            No commitments on this deal yet. {user.role === 'rep' ? 'State one below, in your words and by when.' : "Record the rep's below, in their words and by when."}
          </p>
        )}
        {cut(due).map((c) => (
          <DuePrompt key={c.id} c={c} viewer={user} onSettled={onSettled} />
        ))}
        {cut(upcoming).map((c) => (
          <UpcomingCommitment key={c.id} c={c} onSettled={onSettled} />
        ))}
        {!showAll && hidden > 0 && (
          <button
            type="button"
            onClick={() => {
              setShowAll(true);
              // the button goes away: the keyboard goes to the section, with every promise now listed below
              heading.current?.focus();
            }}
          >
            Show {hidden} more open {hidden === 1 ? 'commitment' : 'commitments'}
          </button>
        )}
        <NewCommitment dealKey={dealKey} user={user} owner={owner} onSettled={onSettled} />
        {history.length > 0 && (
          <details open={historyOpen} onToggle={(e) => setHistoryOpen(e.currentTarget.open)}>
            <summary>History ({history.length})</summary>
            <ul className="plain history" aria-label="Commitment history">
              {history.map((c) => (
                <li key={c.id}>
                  <p>
                    <span className={`chip ${c.status === 'kept' ? 'good' : c.status === 'missed' ? 'bad' : 'warn'}`}>
                      {capitalise(c.status)}
                    </span>{' '}
                    {c.text} — by {formatDay(c.due)}
                  </p>
                  {c.resolution?.newDue && (
                    <p>
                      New date {formatDay(c.resolution.newDue)}. Reason: {c.resolution.reason}
                    </p>
                  )}
                  {c.status === 'dropped' && c.resolution?.reason && <p>Reason: {c.resolution.reason}</p>}
                  {c.resolution?.note && <p>What happened: {c.resolution.note}</p>}
                  <p className="muted">{statedLine(c)}</p>
                  {c.resolution && (
                    <p className="muted">
                      {RESOLVED_BY[c.status]} {c.resolution.by.name}, {formatInstant(c.resolution.at, TIME_ZONE)}
                    </p>
                  )}
                </li>
              ))}
            </ul>
          </details>
        )}
      </section>
    </OutcomeDrafts.Provider>
  );
}

/** "Stated by Dana Reyes (recorded by Morgan Lead), Nov 26, 2026, 9:42 AM": whose promise it is, and who typed it in. */
function statedLine(c: Commitment): string {
  const by = c.recordedBy ? `${c.statedBy.name} (recorded by ${c.recordedBy.name})` : c.statedBy.name;
  return `Stated by ${by}, ${formatInstant(c.statedAt, TIME_ZONE)}`;
}

/** Who settled a promise, in words per outcome ("Marked renegotiated" reads oddly). */
const RESOLVED_BY: Record<Commitment['status'], string> = {
  open: 'Updated by',
  kept: 'Marked kept by',
  missed: 'Marked missed by',
  renegotiated: 'Renegotiated by',
  dropped: 'Dropped by',
};

/** Told once a commitment is settled (or saved): what to say; focus goes to the heading. */
type Settled = { onSettled: (message: string) => void };

/**
 * "You committed to … by …. What happened?" with Kept / Missed / Renegotiate / Drop: the 1:1's
 * question, in the words the one who made the promise is asked it. Anyone else looking at it (a
 * manager at a rep's promise, a rep at a colleague's, a manager at another manager's) is told
 * whom to ask, so "You" is not read as themselves.
 */
function DuePrompt({ c, viewer, onSettled }: { c: Commitment; viewer: Person } & Settled) {
  const id = useId();
  // (the CRM's owner field and Dealside's own user may write one name in another case or spacing)
  const askWho = sameName(c.statedBy.name, viewer.name) ? null : c.statedBy.name;
  return (
    <div className="prompt" role="group" aria-labelledby={`${id}-lead`}>
      {askWho && <p className="muted">{viewer.role === 'manager' && c.statedBy.role === 'rep' ? `Ask ${askWho} in your 1:1:` : `Ask ${askWho}:`}</p>}
      <p id={`${id}-lead`} className="commitment-lead">
        {commitmentQuestionLead(c)}
      </p>
      <p>
        <strong>What happened?</strong>
      </p>
      <p className="muted">{statedLine(c)}</p>
      <OutcomeControls c={c} due onSettled={onSettled} />
    </div>
  );
}

/**
 * An open promise not yet due. It can be settled ahead of its date: kept early,
 * renegotiated as soon as the rep knows it will slip, or dropped; not missed
 * (that waits for the date: lib/rules/commitments.ts, outcomeRefusal).
 */
function UpcomingCommitment({ c, onSettled }: { c: Commitment } & Settled) {
  const { draft } = useOutcomeDraft(c.id);
  // drawn again (pushed out of the first three and back, or the deal shown again): open while something is typed in it
  const typed = OUTCOME_TEXT.some((f) => draft[f]);
  const [open, setOpen] = useState(typed);
  // the stored drafts arrive after the first render
  useEffect(() => {
    if (typed) setOpen(true);
  }, [typed]);
  return (
    <div className="upcoming">
      <p>
        <span className="chip">Open</span> {c.text} — by {formatDay(c.due)} <span className="muted">· {statedLine(c)}</span>{' '}
        {/* named with the promise: a list of open commitments has one Update each */}
        <button type="button" className="small" aria-expanded={open} aria-label={`Update: ${c.text}`} onClick={() => setOpen(!open)}>
          Update
        </button>
      </p>
      {open && (
        <div className="prompt" role="group" aria-label={`Update: ${c.text}`}>
          <OutcomeControls c={c} due={false} onSettled={onSettled} />
        </div>
      )}
    </div>
  );
}

/** The outcome note and the outcomes open to a commitment now; renegotiating and dropping ask for more first. */
function OutcomeControls({ c, due, onSettled }: { c: Commitment; due: boolean } & Settled) {
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
      {busy && (
        <p className="hint" role="status">
          Saving…
        </p>
      )}
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
    </>
  );
}

/** A new promise: the rep's words and a date typed as a date or words, shown back before saving. */
const NEW_COMMITMENT_FIELDS = ['text', 'due'] as const;

function NewCommitment({ dealKey, user, owner, onSettled }: { dealKey: string; user: Person; owner: string | undefined } & Settled) {
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
      {busy && (
        <p className="hint" role="status">
          Saving…
        </p>
      )}
      {/* the button goes once the draft loads: the keyboard goes to the commitment's words */}
      <DraftProblems draft={draft} what="The commitment you were typing" onRetry={() => document.getElementById('commitment-text')?.focus()} />
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
    </form>
  );
}
