import { useEffect, useMemo, useRef, useState } from 'react';
import type { Commitment, Person } from '../../../lib/model';
import { isDue, sortCommitments } from '../../../lib/rules/commitments';
import { TIME_ZONE } from '../App';
import { DraftProblems } from './DraftProblems';
import { CommitmentHistory } from './commitment/CommitmentHistory';
import { DuePrompt } from './commitment/DuePrompt';
import { NewCommitment } from './commitment/NewCommitment';
import { OutcomeDrafts } from './commitment/outcome-drafts';
import { UpcomingCommitment } from './commitment/UpcomingCommitment';
import { useDealOutcomeDrafts } from './commitment/useDealOutcomeDrafts';

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
  const { stored, drafts, settledElsewhere, dismissSettledElsewhere } = useDealOutcomeDrafts(dealKey, commitments);
  const [settled, setSettled] = useState('');
  const onSettled = (message: string) => {
    setSettled(message);
    heading.current?.focus();
  };
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
                dismissSettledElsewhere();
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
        <CommitmentHistory history={history} open={historyOpen} onToggle={setHistoryOpen} />
      </section>
    </OutcomeDrafts.Provider>
  );
}
