import { useEffect, useRef, useState } from 'react';
import { send } from '../../lib/messages/client';
import type { RepWeekDetail } from '../../lib/db/scorecard';
import type { AskItem, WeekCard as Scorecard, WeekRow as RepScorecard } from '../../lib/scorecard/types';
import { DIMENSION_LABEL, SCORE_DIMENSION_LIST as DIMENSIONS, diagnosesText, fmtChange, fmtDay, fmtInstant, fmtPercent, fmtScore, otherCommitments, sayDoText } from '../../lib/scorecard/format';
import { Sparkline } from './Sparkline';

const STATE_WORD: Record<AskItem['state'], string> = {
  'open-past-due': 'Open, past due',
  'due-today': 'Due today',
  open: 'Open',
  kept: 'Kept',
  missed: 'Missed',
  renegotiated: 'Renegotiated',
  dropped: 'Dropped',
};

/** The 1:1: results (commitments) → pipeline (next steps) → activity (scores, reviews, notes). */
export function RepView({ card, row, onBack }: { card: Scorecard; row: RepScorecard; onBack: () => void }) {
  const [detail, setDetail] = useState<RepWeekDetail | null>(null);
  /** n counts failures: the same words failing again are drawn anew, so the alert is announced again */
  const [error, setError] = useState({ message: '', n: 0 });
  /** "Try again" presses: each asks again */
  const [tries, setTries] = useState(0);
  const [retrying, setRetrying] = useState(false);
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  // Fetched again with every new card (the popup reloads it after a write anywhere: a promise
  // marked kept in the sidebar mid-1:1), so the list below never contradicts the counts above.
  // What is shown stays until the new answer replaces it; a reload that fails takes it away, as
  // the lists from before the write could contradict the new counts beside the error.
  useEffect(() => {
    let live = true;
    send({ type: 'scorecard/rep', repId: row.rep.id, weekStart: card.weekStart })
      .then((d) => {
        if (!live) return;
        setDetail(d);
        setError((e) => ({ message: '', n: e.n }));
      })
      .catch((e: Error) => {
        if (!live) return;
        setDetail(null);
        setError((was) => ({ message: e.message, n: was.n + 1 }));
      })
      .finally(() => {
        if (live) setRetrying(false);
      });
    return () => {
      live = false;
    };
  }, [row.rep.id, card, tries]);
  // "Try again" worked: the alert (and the button pressed) is gone; the keyboard goes to the heading
  const retried = useRef(false);
  useEffect(() => {
    if (error.message || !retried.current) return;
    retried.current = false;
    const now = document.activeElement;
    if (!now || now === document.body) heading.current?.focus();
  }, [error.message]);

  // "this week" only of this week: a week browsed back to (or ahead) is "that week"
  const thisWeek = card.today >= card.weekStart && card.today <= card.weekEnd ? 'this week' : 'that week';
  // the week's commitments come with the 1:1 material (the table itself only needs their counts)
  const items = detail?.ask ?? [];
  const ask = items.filter((a) => a.state === 'open-past-due' || a.state === 'missed' || a.state === 'due-today' || a.state === 'open');
  const done = items.filter((a) => !ask.includes(a));
  return (
    <div className="rep-view">
      <div className="row between">
        <button type="button" onClick={onBack}>
          ← Back to scorecard
        </button>
        <span className="muted">{card.label}</span>
      </div>
      <h1 ref={heading} tabIndex={-1}>
        1:1 with {row.rep.name}
      </h1>
      {/* one alert for all this view loads (the commitments' list and recent activity), at the top */}
      {error.message && (
        <>
          <div className="banner error" role="alert">
            <p key={error.n}>Could not load the commitments and recent activity: {error.message}</p>
            <button
              type="button"
              onClick={() => {
                retried.current = true;
                setRetrying(true);
                setTries((n) => n + 1);
              }}
            >
              Try again
            </button>
          </div>
          <p className="muted" role="status">
            {retrying ? 'Trying again…' : ''}
          </p>
        </>
      )}
      {row.reasons.length > 0 ? (
        <p className="warn-t">Needs attention: {row.reasons.join('; ')}.</p>
      ) : (
        <p className={row.quiet ? 'muted' : 'good-t'}>{row.quiet ? `Nothing recorded for ${row.rep.name} in the last 4 weeks.` : `On track ${thisWeek}.`}</p>
      )}

      <section aria-labelledby="r-results">
        <h2 id="r-results">Results — commitments</h2>
        <p className="muted">
          Due {thisWeek}: {row.commitments.due}
          {row.commitments.due > 0
            ? ` (${[`${row.commitments.kept} kept`, `${row.commitments.missed} missed`, `${row.commitments.openPastDue} open past due`, ...otherCommitments(row.commitments)].join(', ')})`
            : ''}
          {row.commitments.openEarlier > 0 ? `; ${row.commitments.openEarlier} from earlier weeks still open` : ''}. Say/do over 4 weeks:{' '}
          {sayDoText(row.sayDo)}.
        </p>
        {row.commitments.due === 0 && row.commitments.openEarlier === 0 ? (
          <p className="muted">No commitments due {thisWeek}.</p>
        ) : (
          !detail &&
          !error.message && (
            <p className="muted" role="status">
              Loading the commitments…
            </p>
          )
        )}
        {ask.length > 0 && (
          <ul className="plain" aria-label="Commitments to ask about">
            {ask.map((a) => (
              <li key={a.id}>
                <p>
                  {a.lead} {a.state !== 'open' && <strong>What happened?</strong>}
                </p>
                <p className="muted">
                  <span className={`chip ${a.state === 'open' ? '' : a.state === 'due-today' ? 'warn' : 'bad'}`}>{STATE_WORD[a.state]}</span> {dealLink(a)}
                  {a.outcomeNote ? ` — ${a.outcomeNote}` : ''}
                </p>
              </li>
            ))}
          </ul>
        )}
        {done.length > 0 && (
          <ul className="plain" aria-label="Resolved commitments">
            {done.map((a) => (
              <li key={a.id}>
                <span className={`chip ${a.state === 'kept' ? 'good' : ''}`}>{STATE_WORD[a.state]}</span> {a.text} (due {fmtDay(a.due)}
                {a.newDue ? `, moved to ${fmtDay(a.newDue)}` : ''}) {dealLink(a)}
                {a.reason ? <span className="muted"> — Reason: {a.reason}</span> : null}
                {a.outcomeNote ? <span className="muted"> — {a.outcomeNote}</span> : null}
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="r-pipeline">
        <h2 id="r-pipeline">Pipeline — next steps</h2>
        <p className="muted">
          {row.nextStep.deals === 0
            ? 'No open deals seen in the last 30 days.'
            : `${fmtPercent(row.nextStep.coverage)} of ${row.nextStep.deals} open deals have a next step dated ahead (as of today).`}
        </p>
        {detail && detail.problemDeals.length > 0 && (
          <ul className="plain" aria-label="Deals with next-step problems">
            {detail.problemDeals.map((d) => (
              <li key={d.key}>
                <a href={d.url} target="_blank" rel="noreferrer noopener">
                  {d.name}
                </a>{' '}
                <span className={`chip ${d.status === 'Stale' || d.status === 'Due today' ? 'warn' : 'bad'}`}>{d.status}</span>
                {d.nextStep && (
                  <span className="muted">
                    {' '}
                    {d.nextStep}
                    {d.due ? ` (${fmtDay(d.due)})` : ''}
                  </span>
                )}
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="r-activity">
        <h2 id="r-activity">Activity — scores, reviews, notes</h2>
        <ul className="plain dims-wide">
          {DIMENSIONS.map((d) => {
            const s = row.scores[d];
            return (
              <li key={d}>
                {DIMENSION_LABEL[d]}: <strong>{fmtScore(s.week)}</strong> {thisWeek} ({s.weekCount} scored), {fmtChange(s.change)} vs 4-week {fmtScore(s.trailing)}{' '}
                <Sparkline label={DIMENSION_LABEL[d]} values={s.spark} />
              </li>
            );
          })}
        </ul>
        <p>
          Call reviews completed {thisWeek}: {row.reviews.completed} of {row.reviews.target}. Diagnoses: {diagnosesText(row.diagnoses)}.
        </p>
        {!detail && !error.message && <p className="muted">Loading recent activity…</p>}
        {detail && (
          <>
            <h3>Recent scores (4 weeks)</h3>
            {detail.scores.length === 0 ? (
              <p className="muted">None.</p>
            ) : (
              <ul className="plain compact" aria-label="Recent scores">
                {detail.scores.map((s) => (
                  <li key={s.id}>
                    {DIMENSION_LABEL[s.dimension]} {s.value} — {s.dealName ?? s.dealKey ?? 'no deal'}{' '}
                    <span className="muted">
                      {fmtInstant(s.at, card.timeZone)}
                      {s.source.kind === 'call' ? ', from a call review' : ''}
                    </span>
                  </li>
                ))}
              </ul>
            )}
            <h3>Call reviews (4 weeks)</h3>
            {detail.reviews.length === 0 ? (
              <p className="muted">None completed.</p>
            ) : (
              <ul className="plain compact" aria-label="Recent call reviews">
                {detail.reviews.map((r) => (
                  <li key={r.id}>
                    <a href={r.url} target="_blank" rel="noreferrer noopener">
                      {r.title || 'Call'}
                    </a>{' '}
                    <span className="muted">{r.completedAt ? fmtInstant(r.completedAt, card.timeZone) : ''}</span>
                    {r.overallNote && <p className="muted">{r.overallNote}</p>}
                  </li>
                ))}
              </ul>
            )}
            <h3>Coaching notes (4 weeks)</h3>
            {detail.notes.length === 0 ? (
              <p className="muted">None.</p>
            ) : (
              <ul className="plain compact" aria-label="Recent notes">
                {detail.notes.map((n) => (
                  <li key={n.id}>
                    {n.diagnosis && <span className="chip">{n.diagnosis}</span>} {n.body.kind === 'free' ? n.body.text : growText(n.body.grow)}{' '}
                    <span className="muted">
                      — {n.dealName ?? n.dealKey}, {fmtInstant(n.at, card.timeZone)}
                    </span>
                  </li>
                ))}
              </ul>
            )}
          </>
        )}
      </section>
    </div>
  );
}

function dealLink(a: AskItem) {
  if (!a.url) return <span className="muted">{a.dealName ?? a.dealKey}</span>;
  return (
    <a href={a.url} target="_blank" rel="noreferrer noopener">
      {a.dealName ?? 'Open the deal'}
    </a>
  );
}

function growText(g: { goal: string; reality: string; options: string; will: string }) {
  return [g.goal && `Goal: ${g.goal}`, g.reality && `Reality: ${g.reality}`, g.options && `Options: ${g.options}`, g.will && `Will: ${g.will}`]
    .filter(Boolean)
    .join(' · ');
}
