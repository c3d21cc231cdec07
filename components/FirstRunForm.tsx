import { useEffect, useState, type FormEvent } from 'react';
import { send } from '../lib/messages/client';
import type { Person, Role } from '../lib/model';

/**
 * Who is using Dealside: the name and role stamped on every commitment,
 * score and note. Shown on first run (sidebar, options) and in Options later.
 */
export function FirstRunForm({ initial, onSaved }: { initial?: Person; onSaved?: (user: Person) => void }) {
  const [name, setName] = useState(initial?.name ?? '');
  const [role, setRole] = useState<Role>(initial?.role ?? 'manager');
  const [status, setStatus] = useState('');
  const [error, setError] = useState('');
  // A user set elsewhere (a sidebar's first run, a restore) refills the form: saving it
  // must not store the stale role. After this form's own save the values are the same.
  useEffect(() => {
    if (!initial) return;
    setName(initial.name);
    setRole(initial.role);
  }, [initial?.name, initial?.role]);

  // "Saved." stands only until the next change
  const pickRole = (r: Role) => {
    setRole(r);
    setStatus('');
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const user = { name: name.trim(), role };
    if (!user.name) return;
    setError('');
    try {
      await send({ type: 'settings/set', patch: { user } });
      setStatus('Saved.');
      onSaved?.(user);
    } catch (err) {
      setError((err as Error).message);
    }
  };

  return (
    <form onSubmit={submit} aria-label="About you">
      <label htmlFor="user-name">Your name</label>
      <input
        id="user-name"
        type="text"
        value={name}
        maxLength={120}
        autoComplete="name"
        onChange={(e) => {
          setName(e.target.value);
          setStatus('');
        }}
      />
      <fieldset style={{ border: 0, padding: 0, margin: '8px 0' }}>
        <legend style={{ fontWeight: 600 }}>Your role</legend>
        <label style={{ fontWeight: 400 }}>
          <input type="radio" name="role" value="manager" checked={role === 'manager'} onChange={() => pickRole('manager')} /> Sales
          manager
        </label>
        <label style={{ fontWeight: 400 }}>
          <input type="radio" name="role" value="rep" checked={role === 'rep'} onChange={() => pickRole('rep')} /> Sales rep
        </label>
      </fieldset>
      {/* the role is always chosen: the name is what can be missing */}
      {!name.trim() && (
        <p id="user-name-save-hint" className="hint">
          Type your name to save.
        </p>
      )}
      <button type="submit" className="primary" disabled={!name.trim()} aria-describedby={name.trim() ? undefined : 'user-name-save-hint'}>
        Save
      </button>{' '}
      <span role="status">{status}</span>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
    </form>
  );
}
