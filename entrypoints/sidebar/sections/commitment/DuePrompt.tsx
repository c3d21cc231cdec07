import { useId } from 'react';
import type { Commitment, Person } from '../../../../lib/model';
import { commitmentQuestionLead } from '../../../../lib/rules/commitments';
import { sameName } from '../../../../lib/words';
import { OutcomeControls } from './OutcomeControls';
import type { Settled } from './settled';
import { statedLine } from './wording';

/**
 * "You committed to … by …. What happened?" with Kept / Missed / Renegotiate / Drop: the 1:1's
 * question, in the words the one who made the promise is asked it. Anyone else looking at it (a
 * manager at a rep's promise, a rep at a colleague's, a manager at another manager's) is told
 * whom to ask, so "You" is not read as themselves.
 */
export function DuePrompt({ c, viewer, onSettled }: { c: Commitment; viewer: Person } & Settled) {
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
