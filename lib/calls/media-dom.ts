/**
 * Finds the recording's media element on a live page. DOM only (runs in the
 * content script); the choice itself is `pickMedia`. Called on demand (when
 * the panel asks for the time or a seek), so late-appearing media and a
 * player swapped by an SPA are simply found the next time, with no observer
 * running on the page in between.
 */
import { isListenable, pickMedia, type MediaDescriptor } from './media-pick';

const MAX_FRAME_DEPTH = 3;

/**
 * Every <video>/<audio> in the document and its same-origin frames. Open
 * shadow roots (players built as web components) are walked only when the
 * light DOM has none, since visiting every element costs on big pages; then
 * every one, however deep (a player component inside an app's component).
 */
export function collectMedia(doc: Document, depth = 0): HTMLMediaElement[] {
  const found: HTMLMediaElement[] = [...doc.querySelectorAll<HTMLMediaElement>('video, audio')];
  if (depth < MAX_FRAME_DEPTH) {
    for (const frame of doc.querySelectorAll<HTMLIFrameElement>('iframe, frame')) {
      let inner: Document | null = null;
      try {
        // Cross-origin frames throw or give null: their media is out of reach.
        inner = frame.contentDocument;
      } catch {
        inner = null;
      }
      if (inner) found.push(...collectMedia(inner, depth + 1));
    }
  }
  if (found.length === 0 && depth === 0) {
    const roots: ParentNode[] = [doc];
    for (const root of roots) {
      for (const el of root.querySelectorAll<HTMLElement>('*')) {
        if (el.shadowRoot) {
          roots.push(el.shadowRoot);
          found.push(...el.shadowRoot.querySelectorAll<HTMLMediaElement>('video, audio'));
        }
      }
    }
  }
  return found;
}

export function describeMedia(m: HTMLMediaElement): MediaDescriptor {
  let area = 0;
  try {
    const r = m.getBoundingClientRect();
    // localName, not instanceof: media in a frame belongs to another realm.
    area = m.localName === 'video' ? Math.max(0, r.width) * Math.max(0, r.height) : 0;
  } catch {
    area = 0;
  }
  return {
    playing: !m.paused && !m.ended && m.readyState > 2,
    area,
    duration: m.duration,
    hasMetadata: m.readyState >= 1,
    muted: m.muted,
    loop: m.loop,
  };
}

/**
 * The media element the review follows right now, or null. Never throws.
 * Sizes are read (which can force a layout) only when the choice needs them:
 * a single element is taken as is.
 */
export function findMedia(doc: Document): HTMLMediaElement | null {
  try {
    const all = collectMedia(doc);
    if (all.length <= 1) return all[0] ?? null;
    const i = pickMedia(all.map(describeMedia));
    return i >= 0 ? (all[i] ?? null) : null;
  } catch {
    return null;
  }
}

/**
 * Still on the page. A frame the page removes or builds again leaves its document behind,
 * and the player in it connected to that document (isConnected) though gone: that
 * document is then no window's (defaultView null, or a window showing another).
 */
const onPage = (m: HTMLMediaElement) => m.isConnected && m.ownerDocument.defaultView?.document === m.ownerDocument;

/**
 * The element a review follows, kept while it is on the page (the content
 * script starts a new follower for each call): pausing the recording never
 * hands the review to another element, nor does a clip that starts playing.
 * A pick that is only background media or muted (the best there was, maybe
 * before the real player arrived) is looked at again every `repickMs`, and a
 * listenable element that starts playing takes its place. Finding none is
 * kept as long: the panel asks every second, and on a page whose player is
 * out of reach (a cross-origin embed) each search walks every element.
 */
export function followMedia(doc: Document, now: () => number = Date.now, repickMs = 4000) {
  let followed: HTMLMediaElement | null = null;
  /** when the last search (or play) was; null before the first */
  let pickedAt: number | null = null;
  /** the pick was listenable when made: kept for good while on the page (muting it later changes nothing) */
  let steady = false;
  const listenable = (m: HTMLMediaElement) => {
    try {
      return isListenable(describeMedia(m));
    } catch {
      return false;
    }
  };
  const follow = (m: HTMLMediaElement | null, isSteady: boolean) => {
    followed = m;
    steady = isSteady;
    pickedAt = now();
    return m;
  };
  return {
    /**
     * `fresh`: a person's ask (pinning a note, a seek), not the panel's poll: "none" found
     * within the interval is not taken as the answer (a player may have arrived since, inside
     * a frame whose `play` this page does not hear), so it is searched for again.
     */
    current(fresh = false): HTMLMediaElement | null {
      const recent = pickedAt !== null && now() - pickedAt < repickMs;
      if (followed === null ? recent && !fresh : onPage(followed) && (steady || recent)) return followed;
      const m = findMedia(doc);
      return follow(m, !!m && listenable(m));
    },
    /**
     * A `play` event on the page: taken in place of no pick, of a background or muted
     * one, or of one that is paused — the person pressed play on another recording (an
     * audio player beside a promo video the first pick chose). Not while the followed
     * one plays: a clip starting beside it is no reason to leave it.
     */
    played(m: HTMLMediaElement): void {
      if (m === followed) return;
      if (followed && onPage(followed) && steady && !followed.paused) return;
      if (listenable(m)) follow(m, true);
    },
  };
}
