import type { Commitment } from '../../../../lib/model';
import { formatInstant } from '../../../../lib/dates';
import { TIME_ZONE } from '../../App';

/** "Stated by Dana Reyes (recorded by Morgan Lead), Nov 26, 2026, 9:42 AM": whose promise it is, and who typed it in. */
export function statedLine(c: Commitment): string {
  const by = c.recordedBy ? `${c.statedBy.name} (recorded by ${c.recordedBy.name})` : c.statedBy.name;
  return `Stated by ${by}, ${formatInstant(c.statedAt, TIME_ZONE)}`;
}

/** Who settled a promise, in words per outcome ("Marked renegotiated" reads oddly). */
export const RESOLVED_BY: Record<Commitment['status'], string> = {
  open: 'Updated by',
  kept: 'Marked kept by',
  missed: 'Marked missed by',
  renegotiated: 'Renegotiated by',
  dropped: 'Dropped by',
};
