import { sparklinePath, sparklineText } from '../../lib/scorecard/export';

const W = 48;
const H = 14;
const PAD = 2;

/** An eight-week trend, 1–5 scale, gaps where a week has no score. Its text alternative lists every week. */
export function Sparkline({ label, values }: { label: string; values: readonly (number | null)[] }) {
  const n = values.length;
  const x = (i: number) => (n === 1 ? W / 2 : PAD + (i * (W - 2 * PAD)) / (n - 1));
  const y = (v: number) => PAD + ((5 - v) / 4) * (H - 2 * PAD);
  return (
    <svg className="spark" role="img" aria-label={sparklineText(label, values)} width={W} height={H} viewBox={`0 0 ${W} ${H}`}>
      <title>{sparklineText(label, values)}</title>
      <path d={sparklinePath(values, W, H, PAD)} fill="none" stroke="currentColor" strokeWidth="1.3" />
      {values.map((v, i) => (v === null ? null : <circle key={i} cx={x(i)} cy={y(v)} r={i === n - 1 ? 1.9 : 1.1} fill="currentColor" />))}
    </svg>
  );
}
