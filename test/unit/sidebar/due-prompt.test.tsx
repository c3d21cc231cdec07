/**
 * Whom the due prompt addresses: "You committed to … What happened?" is the 1:1's question in
 * the words the one who made the promise is asked it; anyone else looking at it is told whom to
 * ask. Rendered to a string (no DOM here): effects do not run, so no message is sent.
 */
import { vi } from 'vitest';
vi.hoisted(() => {
  const g = globalThis as Record<string, unknown>;
  g.navigator ??= { platform: 'Linux', language: 'en-US' };
  g.addEventListener ??= () => {};
  g.parent ??= g;
});
import { renderToString } from 'react-dom/server';
import { CommitmentSection } from '../../../entrypoints/sidebar/sections/CommitmentSection';
import type { Person } from '../../../lib/model';

const dueOne = (statedBy: Person) => ({
  id: 'c1',
  dealKey: 'hubspot:1',
  text: 'send the MSA',
  due: '2020-01-01',
  statedBy,
  statedAt: '2019-12-20T10:00:00.000Z',
  status: 'open' as const,
});
/** The markup as read: React's separators between adjacent text nodes left out. */
const asRead = (html: string) => html.replaceAll('<!-- -->', '');
const prompt = (statedBy: Person, viewer: Person) =>
  asRead(renderToString(<CommitmentSection dealKey="hubspot:1" commitments={[dueOne(statedBy)]} user={viewer} owner="Dana Reyes" now={new Date()} />));

describe('the due prompt', () => {
  it("asks the one who made the promise as \"You\", with no one else named to ask", () => {
    const html = prompt({ name: 'Dana Reyes', role: 'rep' }, { name: 'dana  reyes', role: 'rep' });
    expect(html).toContain('You committed to send the MSA');
    expect(html).not.toContain('Ask ');
  });
  it("tells a manager looking at a rep's promise to ask the rep in the 1:1", () => {
    expect(prompt({ name: 'Dana Reyes', role: 'rep' }, { name: 'Morgan Lead', role: 'manager' })).toContain('Ask Dana Reyes in your 1:1:');
  });
  it("tells a rep looking at a colleague's promise whom to ask, so \"You\" is not read as themselves", () => {
    expect(prompt({ name: 'Dana Reyes', role: 'rep' }, { name: 'Sam Other', role: 'rep' })).toContain('Ask Dana Reyes:');
  });
  it("tells a manager looking at another manager's own promise whom to ask", () => {
    expect(prompt({ name: 'Morgan Lead', role: 'manager' }, { name: 'Pat Boss', role: 'manager' })).toContain('Ask Morgan Lead:');
  });
});

describe('a deal with no commitments', () => {
  const empty = (viewer: Person) => asRead(renderToString(<CommitmentSection dealKey="hubspot:1" commitments={[]} user={viewer} owner="Dana Reyes" now={new Date()} />));
  it('says so, and what to do, in the words of who is looking', () => {
    expect(empty({ name: 'Dana Reyes', role: 'rep' })).toContain('No commitments on this deal yet. State one below, in your words and by when.');
    expect(empty({ name: 'Morgan Lead', role: 'manager' })).toContain('Record the rep&#x27;s below, in their words and by when.');
  });
});
