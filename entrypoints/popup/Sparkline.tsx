import { memo } from 'react';
import { sparklinePath, sparklineText } from '../../lib/scorecard/export';

const W = 48;
const H = 14;
const PAD = 2;

/**
 * An eight-week trend, 1–5 scale, gaps where a week has no score. Its text alternative lists every week,
 * or, when no week has a score, says so once ("no score" eight times over is read for every sparkline).
 * Cheap to render: three paths (line, week dots, this week's dot as round-capped zero-length strokes)
 * instead of a circle per week, and the text is built once.
 */
export const Sparkline = memo(function Sparkline({ label, values }: { label: string; values: readonly (number | null)[] }) {
  const n = values.length;
  const x = (i: number) => (n === 1 ? W / 2 : PAD + (i * (W - 2 * PAD)) / (n - 1));
  const y = (v: number) => PAD + ((5 - v) / 4) * (H - 2 * PAD);
  let dots = '';
  let last = '';
  values.forEach((v, i) => {
    if (v === null) return;
    const d = `M${x(i).toFixed(1)} ${y(v).toFixed(1)}h0`;
    if (i === n - 1) last = d;
    else dots += d;
  });
  const text = values.every((v) => v === null) ? `${label}: no scores in ${n} weeks` : sparklineText(label, values);
  return (
    <svg className="spark" role="img" aria-label={text} width={W} height={H} viewBox={`0 0 ${W} ${H}`}>
      <title>{text}</title>
      <path d={sparklinePath(values, W, H, PAD)} fill="none" stroke="currentColor" strokeWidth="1.3" />
      {dots && <path d={dots} stroke="currentColor" strokeWidth="2.2" strokeLinecap="round" />}
      {last && <path d={last} stroke="currentColor" strokeWidth="3.8" strokeLinecap="round" />}
    </svg>
  );
});
