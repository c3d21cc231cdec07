import { useEffect, useState } from 'react';
import type { Commitment } from '../../../../lib/model';
import { formatDay } from '../../../../lib/dates';
import { OUTCOME_TEXT, useOutcomeDraft } from './outcome-drafts';
import { OutcomeControls } from './OutcomeControls';
import type { Settled } from './settled';
import { statedLine } from './wording';

/**
 * An open promise not yet due. It can be settled ahead of its date: kept early,
 * renegotiated as soon as the rep knows it will slip, or dropped; not missed
 * (that waits for the date: lib/rules/commitments.ts, outcomeRefusal).
 */
export function UpcomingCommitment({ c, onSettled }: { c: Commitment } & Settled) {
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
