/**
 * The moment a pinned note is about. A manager hears something, starts typing, and presses Enter
 * some seconds later while the recording plays on: the note is about when typing began, so the
 * media's time is asked when the note box goes from empty to typed, and the note is pinned there
 * unless a time is typed beside it. Plain values (the asking is passed in) so it is unit-tested.
 */
import { parseTypedTime } from './media-pick';

/** What the page's media said (the panel's MediaState, or null when it could not be asked). */
export type MediaReply = { hasMedia: boolean; currentTime: number } | null;

/**
 * What an edit of the note box does to the marked moment: typing into the empty box marks it,
 * emptying the box forgets it (the next note marks its own), anything else keeps it.
 */
export function momentOnEdit(before: string, after: string): 'mark' | 'forget' | 'keep' {
  if (after === '') return before === '' ? 'keep' : 'forget';
  return before === '' ? 'mark' : 'keep';
}

/**
 * Where a note is pinned, in seconds: the time typed beside it when there is one; else the
 * media's time when typing began (`marked`, the reply to the question asked then, maybe still on
 * its way); else, when no media answered then (the player may have loaded since, or nothing was
 * marked), its time now. `'time'`: the typed time cannot be read; `'media'`: no media to pin at.
 */
export async function pinSeconds(
  typedTime: string,
  marked: Promise<MediaReply> | null,
  askNow: () => Promise<MediaReply>,
): Promise<{ at: number } | { error: 'time' | 'media' }> {
  if (typedTime.trim()) {
    const at = parseTypedTime(typedTime);
    return at === null ? { error: 'time' } : { at };
  }
  const then = marked ? await marked.catch(() => null) : null;
  if (then?.hasMedia) return { at: then.currentTime };
  const now = await askNow().catch(() => null);
  return now?.hasMedia ? { at: now.currentTime } : { error: 'media' };
}
