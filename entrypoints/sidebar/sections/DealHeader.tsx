import type { DealRecord } from '../../../lib/model';
import { formatInstant } from '../../../lib/dates';
import { TIME_ZONE } from '../App';

/** The deal as read from the page, and when it was read. Shows what the CRM shows; never a guess. */
export function DealHeader({ deal }: { deal: DealRecord }) {
  const s = deal.snapshot;
  const field = (label: string, value: string | undefined) => (
    <>
      <dt id={`f-${label.replace(/\W/g, "")}`}>{label}</dt>
      <dd aria-labelledby={`f-${label.replace(/\W/g, "")}`}>{value || <span className="muted">not shown on the page</span>}</dd>
    </>
  );
  return (
    <header className="deal">
      <h1>{s.name ?? `Deal ${s.recordId}`}</h1>
      <dl className="fields">
        {field('Amount', s.amount?.text)}
        {field('Stage', s.stage)}
        {field('Close date', s.closeDate?.text)}
        {field('Owner', s.owner)}
      </dl>
      <p className="muted">
        Read from the page <time dateTime={s.readAt}>{formatInstant(s.readAt, TIME_ZONE)}</time>
      </p>
    </header>
  );
}
