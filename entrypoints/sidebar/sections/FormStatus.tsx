/**
 * What a sidebar form says of the request its button sent: "Saving…" while it is out, and
 * what it failed with. The same words, roles and classes in every section, so a screen reader
 * hears a save the same way wherever it is made.
 */

/** "Saving…", said politely while the request is out; nothing otherwise. */
export function Saving({ busy }: { busy: boolean }) {
  if (!busy) return null;
  return (
    <p className="hint" role="status">
      Saving…
    </p>
  );
}

/** What the request failed with, announced; nothing while it has not failed. */
export function ErrorAlert({ message }: { message: string }) {
  if (!message) return null;
  return (
    <p className="error" role="alert">
      {message}
    </p>
  );
}
