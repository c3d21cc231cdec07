/**
 * What a settings change on this page says, beside the control that made it: a failure as an
 * alert the control is described by (aria-describedby), in the control's own section; a success
 * as "Saved." in that section's polite status, which the next change clears (so a second success
 * is said anew, and no stale "Saved." stands beside a change still being saved or one that failed).
 * The banner at the top of the page is left to what no one control did (reading the settings).
 */

/** A control whose change is saved on its own: the selects, the checkbox, a learned date order's "Forget". */
export type Control = 'week-start' | 'theme' | 'date-order' | 'covered-clicks' | `forget:${string}`;

export interface Feedback {
  /** the control whose last change was saved, until the next change anywhere on the page */
  saved: Control | null;
  /** each control's last change that failed, until its next change */
  failed: Partial<Record<Control, string>>;
}

export const NO_FEEDBACK: Feedback = { saved: null, failed: {} };

/** The id of a control's error (ids may hold a host's dots: never used as a selector). */
export const errorIdOf = (control: Control) => `${control.replace(/[^\w.-]/g, '-')}-error`;

/** aria-describedby from the ids given (those absent left out), or none at all. */
export const describedBy = (...ids: (string | false | undefined)[]) => ids.filter(Boolean).join(' ') || undefined;

/** A control's aria-describedby: its own `help` and, once its change failed, the error beside it. */
export const describe = (feedback: Feedback, control: Control, help?: string) =>
  describedBy(help, control in feedback.failed && errorIdOf(control));

/** The error beside a control, announced; nothing while its last change did not fail. */
export function SaveError({ feedback, control, inline = false }: { feedback: Feedback; control: Control; inline?: boolean }) {
  const message = feedback.failed[control];
  if (!message) return null;
  const Tag = inline ? 'span' : 'p';
  return (
    <Tag id={errorIdOf(control)} className="error" role="alert">
      {message}
    </Tag>
  );
}

/** A section's polite status: "Saved." once one of its `controls` saved the last change made. */
export function SavedStatus({ feedback, controls }: { feedback: Feedback; controls: (c: Control) => boolean }) {
  return (
    <p role="status" className="muted">
      {feedback.saved && controls(feedback.saved) ? 'Saved.' : ''}
    </p>
  );
}
