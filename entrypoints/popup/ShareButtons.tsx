import { useState } from 'react';
import type { WeekCard as Scorecard } from '../../lib/scorecard/types';
import { CSV_OPTIONS, csvFileName, csvRows, scorecardText } from '../../lib/scorecard/export';

/** Export the week as CSV (papaparse, loaded on demand) or copy it as plain text for an email. */
export function ShareButtons({ card }: { card: Scorecard }) {
  /** n: a count of what was said, so the same words said again (a second copy) are drawn anew and announced */
  const [said, setSaid] = useState({ text: '', n: 0, week: card.weekStart });
  const setStatus = (text: string) => setSaid((s) => ({ text, n: s.n + 1, week: card.weekStart }));
  // Another week on screen: what was said of the week before goes. Reset here, not by a key on the
  // component: a new component would draw new buttons, and ← pressed on one would drop the focus.
  if (said.week !== card.weekStart) setSaid({ text: '', n: said.n + 1, week: card.weekStart });
  return (
    <div className="share row">
      <button
        type="button"
        onClick={async () => {
          try {
            const { default: Papa } = await import('papaparse');
            const csv = Papa.unparse(csvRows(card), CSV_OPTIONS);
            const url = URL.createObjectURL(new Blob(['\uFEFF' + csv], { type: 'text/csv;charset=utf-8' }));
            const a = document.createElement('a');
            a.href = url;
            a.download = csvFileName(card);
            document.body.append(a);
            a.click();
            a.remove();
            setTimeout(() => URL.revokeObjectURL(url), 10_000);
            setStatus(`Exported ${csvFileName(card)}.`);
          } catch (e) {
            setStatus(`Could not export: ${(e as Error).message}`);
          }
        }}
      >
        Export CSV
      </button>
      <button
        type="button"
        onClick={async () => {
          try {
            await navigator.clipboard.writeText(scorecardText(card));
            setStatus('Copied the week as text.');
          } catch (e) {
            setStatus(`Could not copy: ${(e as Error).message}`);
          }
        }}
      >
        Copy as text
      </button>
      <span role="status" className="muted">
        <span key={said.n}>{said.text}</span>
      </span>
    </div>
  );
}
