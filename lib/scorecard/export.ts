/**
 * Sharing a week: CSV rows (for Papa.unparse) and plain text for an email.
 * Pure: the popup turns these into a download or the clipboard.
 */
import { DIMENSION_LABEL, SCORE_DIMENSION_LIST as DIMENSIONS, asShownScore, fmtChange, fmtPercent, fmtScore, nextStepBreakdown, notedDiagnoses, otherCommitments, sayDoText } from './format';
import type { WeekCard as Scorecard, WeekRow as RepScorecard } from './types';

export const CSV_FIELDS = [
  'Rep',
  'Needs attention',
  'Reasons',
  'Commitments due',
  'Kept',
  'Missed',
  'Open past due',
  'Open, not yet due',
  'Renegotiated',
  'Dropped',
  'Open from earlier weeks',
  'Say/do kept (4 wk)',
  'Say/do resolved (4 wk)',
  'Say/do %',
  'Open deals (30 d)',
  'Next step dated ahead %',
  'No next step',
  'Overdue',
  'Next step with no date',
  'Next step done',
  'Stale',
  'Discovery avg',
  'Discovery change',
  'Next step avg',
  'Next step change',
  'Qualification avg',
  'Qualification change',
  'Call reviews',
  'Skill',
  'Will',
  'Knowledge',
  'System',
] as const;

export type CsvRow = Record<(typeof CSV_FIELDS)[number], string | number>;

/**
 * Papa.unparse's options for the scorecard. The Rep column is an owner's name as the
 * CRM page showed it: a name like `=HYPERLINK(…)` must reach a spreadsheet as text, not
 * as a formula it runs (escapeFormulae puts a `'` before a text opening with = + - @, tab or
 * CR). Our own pattern, not `true`: Papa's (`/^[=+\-@\t\r].*$/`, no `s` flag) does not match a
 * text with a line break in it, so `=1+1⏎…` went out as a formula.
 */
export const CSV_OPTIONS = { columns: [...CSV_FIELDS], escapeFormulae: /^[=+\-@\t\r]/ };

/** A score or change as the table shows it (the same rounding: the CSV never contradicts the screen). */
const num = (x: number | null) => (x === null ? '' : asShownScore(x) + 0); // + 0: −0 reads as 0

export function csvRows(card: Scorecard): CsvRow[] {
  return card.rows.map((r) => ({
    Rep: r.rep.name,
    'Needs attention': r.attention ? 'yes' : 'no',
    Reasons: r.reasons.join('; '),
    'Commitments due': r.commitments.due,
    Kept: r.commitments.kept,
    Missed: r.commitments.missed,
    'Open past due': r.commitments.openPastDue,
    // with these the due count adds up: kept + missed + open (past due or not) + renegotiated + dropped
    'Open, not yet due': r.commitments.open,
    Renegotiated: r.commitments.renegotiated,
    Dropped: r.commitments.dropped,
    'Open from earlier weeks': r.commitments.openEarlier,
    'Say/do kept (4 wk)': r.sayDo.kept,
    'Say/do resolved (4 wk)': r.sayDo.resolved,
    'Say/do %': r.sayDo.ratio === null ? '' : Math.round(r.sayDo.ratio * 100),
    'Open deals (30 d)': r.nextStep.deals,
    'Next step dated ahead %': r.nextStep.coverage === null ? '' : Math.round(r.nextStep.coverage * 100),
    'No next step': r.nextStep.none,
    Overdue: r.nextStep.overdue,
    // with these the open deals add up: dated ahead + none + overdue + no date + done
    'Next step with no date': r.nextStep.noDate,
    'Next step done': r.nextStep.done,
    Stale: r.nextStep.stale,
    'Discovery avg': num(r.scores.discovery.week),
    'Discovery change': num(r.scores.discovery.change),
    'Next step avg': num(r.scores.nextStep.week),
    'Next step change': num(r.scores.nextStep.change),
    'Qualification avg': num(r.scores.qualification.week),
    'Qualification change': num(r.scores.qualification.change),
    'Call reviews': r.reviews.completed,
    Skill: r.diagnoses.skill,
    Will: r.diagnoses.will,
    Knowledge: r.diagnoses.knowledge,
    System: r.diagnoses.system,
  }));
}

export function csvFileName(card: Scorecard): string {
  return `dealside-scorecard-${card.weekStart}.csv`;
}

function repLines(r: RepScorecard): string[] {
  const k = r.commitments;
  const ns = r.nextStep;
  const breakdown = nextStepBreakdown(ns);
  const scores = DIMENSIONS.map((d) => `${DIMENSION_LABEL[d]} ${fmtScore(r.scores[d].week)} (${fmtChange(r.scores[d].change)})`).join(', ');
  const dx = notedDiagnoses(r.diagnoses);
  return [
    `${r.rep.name}${r.reasons.length ? ` — ${r.reasons.join('; ')}` : r.quiet ? ' — nothing recorded in 4 weeks' : ''}`,
    `  Commitments due: ${k.due} (${[`kept ${k.kept}`, `missed ${k.missed}`, `open past due ${k.openPastDue}`, ...otherCommitments(k)].join(', ')})${k.openEarlier ? `, and ${k.openEarlier} from earlier weeks still open` : ''}; say/do ${sayDoText(r.sayDo)} over 4 weeks`,
    `  Next steps: ${ns.deals ? `${fmtPercent(ns.coverage)} dated ahead on ${ns.deals} open deals${breakdown ? ` (${breakdown})` : ''}` : 'no open deals seen in 30 days'}`,
    `  Scores: ${scores}`,
    `  Call reviews: ${r.reviews.completed} of ${r.reviews.target}${dx.length ? `; diagnoses: ${dx.join(', ')}` : ''}`,
  ];
}

/** Plain text for an email: attention first, then on track. */
export function scorecardText(card: Scorecard): string {
  const attention = card.rows.filter((r) => r.attention);
  const onTrack = card.rows.filter((r) => !r.attention);
  const lines = [`Weekly scorecard, ${card.label}`, ''];
  if (attention.length) {
    lines.push(`Needs attention (${attention.length})`);
    for (const r of attention) lines.push(...repLines(r), '');
  }
  if (onTrack.length) {
    lines.push(`On track (${onTrack.length})`);
    for (const r of onTrack) lines.push(...repLines(r), '');
  }
  if (!card.rows.length) lines.push('No reps yet.');
  return lines.join('\n').trimEnd() + '\n';
}

/** Points for an inline SVG sparkline: gaps where a week has no score (1–5 scale). */
export function sparklinePath(values: readonly (number | null)[], width: number, height: number, pad = 2): string {
  const n = values.length;
  if (n === 0) return '';
  const x = (i: number) => (n === 1 ? width / 2 : pad + (i * (width - 2 * pad)) / (n - 1));
  const y = (v: number) => pad + ((5 - v) / 4) * (height - 2 * pad);
  let d = '';
  let pen = false;
  values.forEach((v, i) => {
    if (v === null) {
      pen = false;
      return;
    }
    d += `${pen ? 'L' : 'M'}${x(i).toFixed(1)} ${y(v).toFixed(1)} `;
    pen = true;
  });
  return d.trim();
}

/** The sparkline's text alternative: "Discovery by week, oldest first: 3.0, no score, 3.5". */
export function sparklineText(label: string, values: readonly (number | null)[]): string {
  return `${label} by week, oldest first: ${values.map((v) => (v === null ? 'no score' : v.toFixed(1))).join(', ')}`;
}
