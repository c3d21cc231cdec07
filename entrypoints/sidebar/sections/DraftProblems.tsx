/**
 * What goes wrong with a stored draft (hooks/useDraft.ts), said where it is typed: one that
 * cannot be loaded (its fields stay read-only, so nothing typed replaces it unseen) with "Try
 * again", and one whose last change is not saved.
 */
export function DraftProblems({
  draft,
  what,
  onRetry,
}: {
  draft: { loadError: string; saveError: string; retryLoad: () => void };
  /** the draft, as the sentences name it: "Your note's draft" */
  what: string;
  /** before the retry (the button goes once the draft loads: where the keyboard goes instead) */
  onRetry?: () => void;
}) {
  return (
    <>
      {draft.loadError && (
        <div className="error" role="alert">
          <p>
            {what} could not be loaded, so nothing typed here is saved over it: {draft.loadError}
          </p>
          <button
            type="button"
            className="small"
            onClick={() => {
              onRetry?.();
              draft.retryLoad();
            }}
          >
            Try again
          </button>
        </div>
      )}
      {draft.saveError && (
        <p className="error" role="alert">
          {what} is not saved: {draft.saveError}
        </p>
      )}
    </>
  );
}
