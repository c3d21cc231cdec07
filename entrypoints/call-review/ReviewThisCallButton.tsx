import { useState } from 'react';
import { send } from '../../lib/messages/client';

/**
 * "Review this call" for the toolbar popup: opens the call-review panel on the
 * active tab through activeTab + scripting (no broad host permission). Drop
 * into the popup with: <ReviewThisCallButton />
 */
export function ReviewThisCallButton({ onStarted }: { onStarted?: () => void }) {
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  return (
    <div className="review-this-call">
      <button
        type="button"
        // aria-disabled, not disabled: a disabled button drops the keyboard focus to the page
        aria-disabled={busy}
        onClick={async () => {
          if (busy) return;
          setBusy(true);
          setError('');
          try {
            const r = await send({ type: 'calls/reviewTab' });
            if (r.started) (onStarted ?? (() => window.close()))();
            else setError(r.reason ?? 'This page cannot be reviewed.');
          } catch (e) {
            setError((e as Error).message);
          } finally {
            setBusy(false);
          }
        }}
      >
        Review this call
      </button>
      {error && <p role="alert">{error}</p>}
    </div>
  );
}
