// The review of the call on this tab: loading it, the edits, and saving them (autosave, save queue, flushes).
import { useCallback, useEffect, useRef, useState } from 'react';
import { chooseRep } from '../../lib/calls/rep-choice';
import { DealsideError, onChange, send } from '../../lib/messages/client';
import type { CallPage } from '../../lib/messages/protocol';
import type { CallReview, PinnedNote, Rep, ScoreDimension } from '../../lib/model';
import { sortPins, type ReviewInput } from '../../lib/calls/review-history';
import { panelFramingProblem } from '../../lib/calls/panel-framing';
import { afterFailedSave, saveToSend, statusAfterEdit, type SaveKind } from '../../lib/calls/save-retry';
import { framingFacts, frameTokenFromAddress } from '../../lib/page/framing-facts';
import { useReviewTimer } from './useReviewTimer';

type Scores = CallReview['scores'];
export type Phase =
  | { kind: 'loading' }
  | { kind: 'no-call' }
  | { kind: 'error'; message: string }
  /** framed anywhere but directly by the call's own page: an explanation, no data */
  | { kind: 'refused'; message: string }
  | { kind: 'ready'; tabId: number; call: CallPage };
export type SaveState = 'idle' | 'saving' | 'saved' | 'error';
export type LinkedDeal = { key: string; name: string };

const AUTOSAVE_MS = 600;
const RETRY_FIRST_MS = 5_000;
const RETRY_MAX_MS = 60_000;

export const CONFLICT_MESSAGE =
  'Not saved: this review was changed in another Dealside panel (edited or completed there). It has been reloaded here as saved there; make your change again if it is still needed.';
const REMOTE_MESSAGE = 'This review was changed in another Dealside panel: showing it as saved there.';

export const messageOf = (e: unknown) =>
  e instanceof DealsideError && e.code === 'no-user'
    ? "Tell Dealside your name and role first, in its Options page (right-click Dealside's toolbar icon → Options), then come back: the review is kept until then."
    : e instanceof Error
      ? e.message
      : 'Something went wrong.';

export function useCallReview() {
  const [phase, setPhase] = useState<Phase>({ kind: 'loading' });
  const [review, setReview] = useState<CallReview | null>(null);
  const [scores, setScores] = useState<Scores>({});
  const [overallNote, setOverallNote] = useState('');
  const [pins, setPins] = useState<PinnedNote[]>([]);
  const [repText, setRepText] = useState('');
  const [reps, setReps] = useState<Rep[]>([]);
  const [deal, setDeal] = useState<LinkedDeal | null>(null);
  const [status, setStatus] = useState('');
  const [saveState, setSaveState] = useState<SaveState>('idle');
  const [saveError, setSaveError] = useState('');
  /** edits to the call before that could not be saved when the page moved on: shown to copy, not dropped unseen */
  const [unsaved, setUnsaved] = useState<{ title: string; typed: string[]; error: string } | null>(null);
  const saveErrorRef = useRef('');
  saveErrorRef.current = saveError;
  const [dirtyTick, setDirtyTick] = useState(0);
  /** counts switches to another call's review: the pin form clears its draft on each */
  const [switchCount, setSwitchCount] = useState(0);

  const timer = useReviewTimer();
  const { read: readTimer, reset: resetTimer } = timer;
  const callRef = useRef<CallPage | null>(null);
  const saveQueue = useRef<Promise<unknown>>(Promise.resolve());
  /** the latest edit state, read by saves queued earlier */
  const latest = useRef({ scores, overallNote, pins, repText, deal, reps, review });
  latest.current = { scores, overallNote, pins, repText, deal, reps, review };
  /** edits not yet handed to a save */
  const pending = useRef(false);
  /** a "Complete review" of the edits waiting that failed and may pass: the next save completes (lib/calls/save-retry.ts) */
  const completionWaiting = useRef(false);
  /**
   * The stored version this panel's edits are based on (`updatedAt` as loaded
   * or last saved; null: none yet). Sent with every save: the background
   * refuses a save based on a version another panel has changed since.
   */
  const baseRef = useRef<string | null>(null);

  const buildInput = useCallback((): ReviewInput | null => {
    const call = callRef.current;
    if (!call) return null;
    const s = latest.current;
    const typed = s.repText.trim();
    const known = chooseRep(typed, s.review, s.reps, s.deal?.key);
    const input: ReviewInput = {
      callKey: call.callKey,
      provider: call.provider,
      callId: call.callId,
      title: call.title || s.review?.title || '',
      url: call.url,
      scores: s.scores,
      overallNote: s.overallNote,
      pins: s.pins,
      timeSpentMs: readTimer(),
    };
    if (known) {
      input.repId = known.id;
      input.repName = known.name;
    } else if (typed) input.repName = typed.slice(0, 120);
    if (s.deal) input.dealKey = s.deal.key;
    return input;
  }, [readTimer]);

  /** Show a review as stored (or none): the edit state, the state a save reads, and the version it is based on. */
  const showReview = useCallback((existing: CallReview | null, knownReps: Rep[]) => {
    const was = latest.current.deal;
    const next = {
      scores: existing?.scores ?? {},
      overallNote: existing?.overallNote ?? '',
      pins: sortPins(existing?.pins ?? []),
      repText: existing?.repName ?? '',
      // the same deal keeps the name already shown; another is named once looked up
      deal: existing?.dealKey ? { key: existing.dealKey, name: was?.key === existing.dealKey ? was.name : existing.dealKey } : null,
      reps: knownReps,
      review: existing,
    };
    latest.current = next;
    pending.current = false;
    completionWaiting.current = false;
    baseRef.current = existing?.updatedAt ?? null;
    setReps(next.reps);
    setReview(next.review);
    setScores(next.scores);
    setOverallNote(next.overallNote);
    setPins(next.pins);
    setRepText(next.repText);
    setDeal(next.deal);
    if (existing?.dealKey && next.deal?.name === existing.dealKey) {
      const key = existing.dealKey;
      send({ type: 'deal/view', dealKey: key })
        .then((v) => v.deal?.snapshot.name && setDeal((d) => (d?.key === key ? { key, name: v.deal?.snapshot.name ?? key } : d)))
        .catch(() => {});
    }
  }, []);

  /**
   * The review as stored now, for the call shown: after another panel saved it
   * (`remote`: nothing to do when that save was this panel's own), or after the
   * background refused a save based on an older version (`conflict`).
   */
  const refreshReview = useCallback(
    async (why: 'remote' | 'conflict') => {
      const call = callRef.current;
      if (!call) return;
      try {
        const stored = await send({ type: 'callReview/get', callKey: call.callKey });
        if (callRef.current?.callKey !== call.callKey) return;
        if (why === 'remote' && (stored?.updatedAt ?? null) === baseRef.current) return;
        // Typed here while the stored one was fetched: their save decides (refused if it changed, then reloaded), not a silent overwrite.
        if (why === 'remote' && pending.current) return void saveRef.current('draft');
        showReview(stored, latest.current.reps);
        resetTimer(Math.max(readTimer(), stored?.timeSpentMs ?? 0));
        if (why === 'conflict') {
          setSaveState('error');
          setSaveError(CONFLICT_MESSAGE);
        } else {
          setSaveState('idle');
          setStatus(REMOTE_MESSAGE);
        }
      } catch (e) {
        setSaveState('error');
        setSaveError(messageOf(e));
      }
    },
    // `save` through a ref: it depends on this function in turn
    [showReview, readTimer, resetTimer],
  );
  const saveRef = useRef<(kind: SaveKind) => Promise<void>>(async () => {});
  /**
   * A save that failed (no name set yet, the background not answering) keeps its edits waiting
   * and is tried again, sooner at first: 5 s, doubling to a minute. Any edit, a change event,
   * the time flush and a move to the next call try it too. A completion is tried again as one.
   */
  const retry = useRef<{ delay: number; timer?: number }>({ delay: 0 });
  const retryLater = useCallback(() => {
    window.clearTimeout(retry.current.timer);
    retry.current.delay = Math.min(retry.current.delay ? retry.current.delay * 2 : RETRY_FIRST_MS, RETRY_MAX_MS);
    retry.current.timer = window.setTimeout(() => void saveRef.current('draft'), retry.current.delay);
  }, []);
  useEffect(() => () => window.clearTimeout(retry.current.timer), []);

  /**
   * Saves run one after another so a completion never races an autosave.
   * `time`: the periodic flush; with no edit waiting it records the time spent
   * only, which never turns a completed review (maybe completed by another
   * panel since this one loaded it) back into a draft.
   */
  const save = useCallback(
    (kind: SaveKind) => {
      const run = async () => {
        // An autosave whose edits were already saved, or replaced by the stored review (after a
        // conflict): nothing to send. Sending it anyway would stamp a new version, clear the
        // conflict message and refuse the other panel's next save in turn. Edits waiting with a
        // completion that failed: completed, as asked, not saved as a draft.
        const sent = saveToSend(kind, pending.current, completionWaiting.current);
        if (!sent) return;
        const timeOnly = sent === 'time';
        pending.current = false;
        const input = buildInput();
        if (!input || (timeOnly && !latest.current.review)) return;
        if (!timeOnly) setSaveState('saving');
        const baseUpdatedAt = baseRef.current;
        try {
          const saved =
            sent === 'complete'
              ? await send({ type: 'callReview/complete', review: input, baseUpdatedAt })
              : await send({ type: 'callReview/saveDraft', review: input, baseUpdatedAt, ...(timeOnly ? { timeOnly } : {}) });
          const same = callRef.current?.callKey === saved.callKey;
          if (timeOnly) {
            // Not this panel's version: the review changed elsewhere (a change event missed). Show it as stored.
            if (same && saved.updatedAt !== baseRef.current) await refreshReview('remote');
            return;
          }
          // A switch to another call while saving: do not show the old review.
          if (same) {
            setReview(saved);
            latest.current.review = saved;
            baseRef.current = saved.updatedAt;
          }
          setSaveState('saved');
          setSaveError('');
          window.clearTimeout(retry.current.timer);
          retry.current.delay = 0;
          if (sent === 'complete') {
            completionWaiting.current = false;
            setStatus('Review completed.');
          }
        } catch (e) {
          if (e instanceof DealsideError && e.code === 'conflict') {
            completionWaiting.current = false;
            // Another panel changed the review since this one loaded it: show what it saved, and say so.
            if (callRef.current?.callKey === input.callKey) await refreshReview('conflict');
            return;
          }
          if (timeOnly) return;
          // Not stored: the edits are still waiting (the time flush, a move to the next call and
          // the retry all save them), never dropped with the failed message.
          pending.current = true;
          const after = afterFailedSave(sent, e instanceof DealsideError ? e.code : undefined);
          completionWaiting.current = after.completionWaits;
          if (after.status) setStatus(after.status);
          setSaveState('error');
          setSaveError(messageOf(e));
          // Dealside gone from under the panel: no later try can reach it (the banner says so)
          if (!(e instanceof DealsideError && e.code === 'gone')) retryLater();
        }
      };
      const next = saveQueue.current.then(run, run);
      saveQueue.current = next;
      return next;
    },
    [buildInput, refreshReview, retryLater],
  );

  saveRef.current = save;

  const edited = () => {
    // still changing the review: a completion waiting is withdrawn, and that is said
    const withdrawn = statusAfterEdit(completionWaiting.current);
    completionWaiting.current = false;
    if (withdrawn) setStatus(withdrawn);
    pending.current = true;
    setDirtyTick((t) => t + 1);
  };

  // Autosave shortly after the last edit; a review not stored yet, at once: its first words
  // are then kept if the tab closes (a closing tab's frame runs no timer and sends nothing more).
  useEffect(() => {
    if (dirtyTick === 0) return;
    const id = window.setTimeout(() => void save('draft'), latest.current.review ? AUTOSAVE_MS : 0);
    return () => window.clearTimeout(id);
  }, [dirtyTick, save]);

  // Time spent is stored too: on hide and every 30 s, once a review exists.
  useEffect(() => {
    // edits not yet saved go too (a hidden tab, a page left in the same tab)
    const flush = () => {
      if (latest.current.review || pending.current) void save('time');
    };
    const onVis = () => document.hidden && flush();
    document.addEventListener('visibilitychange', onVis);
    window.addEventListener('pagehide', flush);
    const id = window.setInterval(() => !document.hidden && flush(), 30_000);
    return () => {
      document.removeEventListener('visibilitychange', onVis);
      window.removeEventListener('pagehide', flush);
      window.clearInterval(id);
    };
  }, [save]);

  /**
   * Loads can overlap (the next call's address, then its late title, a second
   * apart while the first still waits on a draft save): only the newest may
   * set state, or an older answer (the previous title) would win the race.
   * `callRef` names the call whose review the state holds, so it changes only
   * together with that state: a save in between still goes to the right call.
   */
  const loadSeq = useRef(0);
  const load = useCallback(async () => {
    const seq = ++loadSeq.current;
    const superseded = () => seq !== loadSeq.current;
    // Leaving a call: its last edits are saved under it before another is shown.
    const flushEdits = async () => {
      if (pending.current) void save('draft');
      // the time spent since the last 30-second flush, which a move to the next call would lose
      else if (latest.current.review) void save('time');
      await saveQueue.current;
    };
    const facts = framingFacts();
    // Framed by anything but the tab's top page: ask for nothing, show nothing.
    const misplaced = panelFramingProblem(facts, undefined);
    if (misplaced) {
      callRef.current = null;
      setPhase({ kind: 'refused', message: misplaced });
      return;
    }
    try {
      const current = await send({ type: 'calls/current', frameToken: frameTokenFromAddress() });
      if (superseded()) return;
      // Framed by a page other than the call's own (the tab moved on to another site).
      const problem = current.call ? panelFramingProblem(facts, current.call.url) : null;
      if (problem) {
        await flushEdits();
        if (superseded()) return;
        callRef.current = null;
        showReview(null, []);
        setPhase({ kind: 'refused', message: problem });
        return;
      }
      if (callRef.current && current.call && callRef.current.callKey === current.call.callKey) {
        // Same call, newer details (an SPA sets the title after the address).
        callRef.current = current.call;
        setPhase({ kind: 'ready', tabId: current.tabId, call: current.call });
        return;
      }
      await flushEdits();
      if (superseded()) return;
      if (!current.call) {
        callRef.current = null;
        setPhase({ kind: 'no-call' });
        return;
      }
      const [existing, knownReps] = await Promise.all([
        send({ type: 'callReview/get', callKey: current.call.callKey }),
        send({ type: 'reps/list' }).catch(() => [] as Rep[]),
      ]);
      if (superseded()) return;
      await flushEdits(); // edits to the old call made while this one loaded
      if (superseded()) return;
      // Still not saved (the background refused or did not answer): said on the next call, with what
      // was typed, rather than dropped with the old call's state below.
      const old = latest.current;
      const typed = [old.overallNote.trim(), ...old.pins.map((p) => p.text)].filter(Boolean);
      if (pending.current && callRef.current)
        setUnsaved({ title: callRef.current.title || callRef.current.url, typed, error: saveErrorRef.current });
      // The switch, all at once: the call, and the state a save would read before React re-renders.
      callRef.current = current.call;
      latest.current = { ...latest.current, deal: null };
      showReview(existing, knownReps);
      setSwitchCount((n) => n + 1);
      setDirtyTick(0);
      setSaveState('idle');
      setSaveError('');
      setStatus(''); // the last call's "Review completed." or "Linked to …" is not this one's
      resetTimer(existing?.timeSpentMs ?? 0);
      setPhase({ kind: 'ready', tabId: current.tabId, call: current.call });
    } catch (e) {
      if (superseded()) return;
      // not a frame Dealside made in this tab (lib/handlers/frame-tokens.ts): nothing to try again
      if (e instanceof DealsideError && e.code === 'bad-sender') setPhase({ kind: 'refused', message: e.message });
      else setPhase({ kind: 'error', message: messageOf(e) });
    }
  }, [resetTimer, save, showReview]);

  const tabIdRef = useRef<number | null>(null);
  tabIdRef.current = phase.kind === 'ready' ? phase.tabId : null;
  useEffect(() => {
    void load();
    return onChange((event) => {
      // Our tab's recording changed (next call in the SPA), or its first report arrived.
      const tabId = tabIdRef.current;
      if (tabId === null ? event.tabIds.length > 0 : event.tabIds.includes(tabId)) {
        void load();
        return;
      }
      // This call's review was saved (by another panel on it, or by this one), or changes may have been missed.
      const callKey = callRef.current?.callKey;
      if (!callKey || !(event.resync || event.callKeys?.includes(callKey))) return;
      const run = () => {
        if (callRef.current?.callKey !== callKey) return;
        // Edits waiting here: their save decides (refused if the review changed, and then reloaded).
        if (pending.current) void save('draft');
        else return refreshReview('remote');
      };
      // After the saves already queued, so this panel's own save is known by then.
      saveQueue.current = saveQueue.current.then(run, run);
    });
  }, [load, save, refreshReview]);

  // Edits: each changes the review and schedules its autosave.
  const setScore = (d: ScoreDimension, v: number) => {
    setScores((s) => ({ ...s, [d]: v }));
    edited();
  };
  const editOverallNote = (text: string) => {
    setOverallNote(text);
    edited();
  };
  const editRepText = (text: string) => {
    setRepText(text);
    edited();
  };
  const editDeal = (d: LinkedDeal | null) => {
    setDeal(d);
    edited();
  };
  const addPin = (note: PinnedNote) => {
    setPins((ps) => sortPins([...ps, note]));
    edited();
  };
  const removePin = (id: string) => {
    setPins((ps) => ps.filter((p) => p.id !== id));
    setStatus('Pin removed.');
    edited();
  };

  return {
    phase,
    review,
    scores,
    overallNote,
    pins,
    repText,
    reps,
    deal,
    status,
    setStatus,
    saveState,
    saveError,
    unsaved,
    dismissUnsaved: () => setUnsaved(null),
    timerMs: timer.ms,
    switchCount,
    setScore,
    editOverallNote,
    editRepText,
    editDeal,
    addPin,
    removePin,
    save,
    load,
  };
}
