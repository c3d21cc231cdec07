import type { Commitment } from '../../../../lib/model';
import { formatDay, formatInstant } from '../../../../lib/dates';
import { capitalise } from '../../../../lib/words';
import { TIME_ZONE } from '../../App';
import { RESOLVED_BY, statedLine } from './wording';

/**
 * The settled promises, as recorded: outcome, new date and reasons, who stated and who settled
 * each. Whether the list is open is the section's (it outlives this list while there is none).
 */
export function CommitmentHistory({ history, open, onToggle }: { history: Commitment[]; open: boolean; onToggle: (open: boolean) => void }) {
  if (history.length === 0) return null;
  return (
    <details open={open} onToggle={(e) => onToggle(e.currentTarget.open)}>
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
  );
}
