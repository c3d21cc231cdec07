import { memo, useId, useMemo } from 'react';
import type { WeekCard as Scorecard, WeekRow as RepScorecard } from '../../lib/scorecard/types';
import {
  DIMENSION_LABEL,
  SCORE_DIMENSION_LIST as DIMENSIONS,
  SCORE_DROP_ALERT,
  asShownScore,
  fmtChange,
  fmtPercent,
  fmtScore,
  nextStepBreakdown,
  otherCommitments,
  sayDoLow,
  sayDoText,
  diagnosesText,
} from '../../lib/scorecard/format';
import { Sparkline } from './Sparkline';

/**
 * "Weekly scorecard": reps needing attention first, on-track reps folded under
 * a disclosure button (their rows are not rendered until it is opened). Rows
 * are memoised: opening the fold or a busy flag does not re-render them, and
 * a cell's words and numbers are one string where they can be (one text node,
 * not one per value): a 50-rep table was ~5,300 DOM nodes, over half of them
 * text; now ~4,200.
 */
interface Props {
  card: Scorecard;
  onOpenRep: (repId: string) => void;
  /** whether the on-track fold is open: the popup's, so it stays as it was after a 1:1 view */
  showOnTrack: boolean;
  onToggleOnTrack: () => void;
}

export const ScorecardTable = memo(function ScorecardTable({ card, onOpenRep, showOnTrack, onToggleOnTrack }: Props) {
  const onTrackId = useId();
  const [attention, onTrack] = useMemo(() => [card.rows.filter((r) => r.attention), card.rows.filter((r) => !r.attention)], [card]);
  return (
    <table className="scorecard" aria-label="Weekly scorecard">
      <thead>
        <tr>
          <th scope="col">Rep</th>
          <th scope="col">Needs attention</th>
          <th scope="col">Commitments due</th>
          <th scope="col">Say/do, 4 wk</th>
          <th scope="col">Next steps, open deals</th>
          <th scope="col">Scores vs 4 wk</th>
          <th scope="col">Call reviews</th>
          <th scope="col">Diagnoses</th>
        </tr>
      </thead>
      {attention.length > 0 && (
        <tbody className="attention">
          {attention.map((r) => (
            <Row key={r.rep.id} row={r} onOpen={onOpenRep} />
          ))}
        </tbody>
      )}
      {onTrack.length > 0 && (
        <tbody className="fold">
          <tr>
            <td colSpan={8}>
              <button type="button" className="disclosure" aria-expanded={showOnTrack} aria-controls={onTrackId} onClick={onToggleOnTrack}>
                <span aria-hidden="true">{showOnTrack ? '▾' : '▸'}</span> On track ({onTrack.length})
              </button>
            </td>
          </tr>
        </tbody>
      )}
      <tbody id={onTrackId} className="on-track" hidden={!showOnTrack}>
        {showOnTrack && onTrack.map((r) => <Row key={r.rep.id} row={r} onOpen={onOpenRep} />)}
      </tbody>
    </table>
  );
});

const Row = memo(function Row({ row, onOpen }: { row: RepScorecard; onOpen: (repId: string) => void }) {
  const k = row.commitments;
  const others = otherCommitments(k);
  const ns = row.nextStep;
  const breakdown = nextStepBreakdown(ns);
  return (
    <tr className={row.attention ? 'needs' : undefined}>
      {/* the row header is read out before every cell of the row: the rep only, the reasons in a cell of their own */}
      <th scope="row">
        <button type="button" className="link rep" data-rep={row.rep.id} onClick={() => onOpen(row.rep.id)} aria-label={`${row.rep.name}: open 1:1 view`}>
          {row.rep.name}
        </button>
      </th>
      <td className="why">
        {row.quiet && <p className="muted quiet">nothing recorded in 4 weeks</p>}
        {row.reasons.length > 0 ? (
          <ul className="reasons" aria-label={`Why ${row.rep.name} needs attention`}>
            {row.reasons.map((r) => (
              <li key={r}>{r}</li>
            ))}
          </ul>
        ) : (
          !row.quiet && !row.attention && <span className="muted">on track</span>
        )}
      </td>
      <td>
        {k.due === 0 ? (
          <span className="muted">none</span>
        ) : (
          <>
            {`${k.due} due`}
            <br />
            <span className="good-t">{`${k.kept} kept`}</span>
            {' · '}
            <span className={k.missed ? 'bad-t' : undefined}>{`${k.missed} missed`}</span>
            <br />
            <span className={k.openPastDue ? 'warn-t' : undefined}>{`${k.openPastDue} open past due`}</span>
            {others.length > 0 && (
              <>
                <br />
                <span className="muted">{others.join(' · ')}</span>
              </>
            )}
          </>
        )}
        {k.openEarlier > 0 && (
          <>
            {k.due > 0 && <br />}
            <span className="warn-t">{`${k.openEarlier} from earlier weeks still open`}</span>
          </>
        )}
      </td>
      <td className={row.attention && sayDoLow(row.sayDo) ? 'bad-t' : undefined}>
        {row.sayDo.ratio === null ? <span className="muted">none resolved</span> : sayDoText(row.sayDo)}
      </td>
      <td>
        {ns.deals === 0 ? (
          <span className="muted">no open deals seen in 30 days</span>
        ) : (
          <>
            {`${fmtPercent(ns.coverage)} dated ahead `}
            <span className="muted">{`(${ns.covered} of ${ns.deals})`}</span>
            {breakdown && (
              <>
                <br />
                <span className="muted">{breakdown}</span>
              </>
            )}
          </>
        )}
      </td>
      <td>
        <ul className="dims">
          {DIMENSIONS.map((d) => {
            const s = row.scores[d];
            return (
              <li key={d}>
                <span className="dim">{DIMENSION_LABEL[d]}</span> <strong>{fmtScore(s.week)}</strong>{' '}
                <span className={s.change !== null && asShownScore(s.change) <= -SCORE_DROP_ALERT ? 'bad-t' : 'muted'} title="change against the four weeks before">
                  {fmtChange(s.change)}
                </span>{' '}
                <Sparkline label={DIMENSION_LABEL[d]} values={s.spark} />
              </li>
            );
          })}
        </ul>
      </td>
      <td className={row.reviews.completed >= row.reviews.target ? 'good-t' : 'muted'}>
        {`${row.reviews.completed} of ${row.reviews.target}`}
      </td>
      <td>
        <span title="skill / will / knowledge / system" className={Object.values(row.diagnoses).some((n) => n > 0) ? 'dx' : 'dx muted'}>
          {diagnosesText(row.diagnoses)}
        </span>
      </td>
    </tr>
  );
});
