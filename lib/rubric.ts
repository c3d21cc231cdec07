/**
 * The 1–5 scorecard rubric: product content, not logic. Every score records
 * the RUBRIC_VERSION it was given under, so bump the version whenever the
 * meaning of a level changes (wording polish alone does not need a bump).
 * Behaviours are things a manager can hear on a call or see in the CRM, so two
 * managers scoring the same deal land on the same number.
 */
import type { ScoreDimension } from './model';

export const RUBRIC_VERSION = '2026.1';

export interface RubricLevel {
  score: 1 | 2 | 3 | 4 | 5;
  title: string;
  behaviour: string;
}

export interface RubricDimension {
  key: ScoreDimension;
  label: 'Discovery' | 'Next step' | 'Qualification';
  question: string;
  /** index 0 = score 1 */
  levels: readonly RubricLevel[];
}

export const RUBRIC: readonly RubricDimension[] = [
  {
    key: 'discovery',
    label: 'Discovery',
    question: 'How well does the rep understand the buyer’s problem and why it matters now?',
    levels: [
      {
        score: 1,
        title: 'Pitching',
        behaviour: 'Pitched before asking about the problem; no pain identified.',
      },
      {
        score: 2,
        title: 'Surface',
        behaviour:
          'Asked scripted or feature questions and accepted the first answer; the pain is generic ("wants to be more efficient").',
      },
      {
        score: 3,
        title: 'Pain found',
        behaviour:
          'Identified a specific pain and who feels it, with follow-up questions, but not what it costs or why it must be solved now.',
      },
      {
        score: 4,
        title: 'Impact',
        behaviour:
          'Connected the pain to a business outcome with rough numbers, and learned what the buyer has already tried and why it fell short.',
      },
      {
        score: 5,
        title: 'Compelling case',
        behaviour:
          'Quantified the business impact, found the compelling event and the cost of doing nothing, confirmed with the buyer in their words.',
      },
    ],
  },
  {
    key: 'nextStep',
    label: 'Next step',
    question: 'Is there a concrete, agreed next step that moves the deal forward?',
    levels: [
      {
        score: 1,
        title: 'None',
        behaviour: 'No next step, or "follow up" / "check in" with no date.',
      },
      {
        score: 2,
        title: 'One-sided',
        behaviour:
          'A next action for the rep only (send deck, email pricing), with a vague or no date and no buyer commitment.',
      },
      {
        score: 3,
        title: 'Dated',
        behaviour:
          'A specific action with a date, but not confirmed by the buyer or not on their calendar.',
      },
      {
        score: 4,
        title: 'Agreed',
        behaviour:
          'Agreed with the buyer on the call, dated and on their calendar, with the right people invited.',
      },
      {
        score: 5,
        title: 'Mutual plan',
        behaviour:
          'Mutually agreed, dated, on the buyer’s calendar, tied to their decision process.',
      },
    ],
  },
  {
    key: 'qualification',
    label: 'Qualification',
    question:
      'Does the rep know how this deal gets bought (metrics, economic buyer, decision criteria and process, paper process, champion, competition)?',
    levels: [
      {
        score: 1,
        title: 'Unqualified',
        behaviour:
          'Talks to whoever will take the meeting; cannot say who decides, how, by when, or against whom.',
      },
      {
        score: 2,
        title: 'Assumed',
        behaviour:
          'Has a contact and a guessed budget or timeline, but the economic buyer and decision process are assumptions, not things the buyer said.',
      },
      {
        score: 3,
        title: 'Partly known',
        behaviour:
          'Knows the decision criteria and the competition, and has named the economic buyer, but has not met them; the paper process is unknown.',
      },
      {
        score: 4,
        title: 'Mapped',
        behaviour:
          'Has agreed success metrics, mapped the decision and paper process (legal, security, procurement) with dates, and has a coach inside the account.',
      },
      {
        score: 5,
        title: 'Championed',
        behaviour:
          'A tested champion is selling for us, the economic buyer has confirmed the metrics and the timeline, and the rep knows how we win against each alternative, including doing nothing.',
      },
    ],
  },
];

export function rubricFor(key: ScoreDimension): RubricDimension {
  const dim = RUBRIC.find((d) => d.key === key);
  // Unreachable while RUBRIC covers every ScoreDimension (a unit test holds this).
  if (!dim) throw new Error(`no rubric for ${key}`);
  return dim;
}
