/**
 * Which media element a review follows, decided on plain descriptors so the
 * rule is unit-tested without a DOM. Background media comes last: a looping
 * clip or a tiny preview (an avatar, a highlight reel's thumbnail) is never
 * the recording while anything else is there. Then the one playing with
 * sound now, else the largest on screen, else any with a known duration,
 * else the first. Muted playback is no sign: pages autoplay muted clips, so
 * a muted element playing does not beat a paused recording. Audio has no
 * area; it wins only when nothing visible can be played.
 */

/** Under this rendered area (CSS px², about 100 × 100) a video is a thumbnail or an avatar, not a player. */
export const TINY_AREA = 100 * 100;

export interface MediaDescriptor {
  /** playing: not paused, not ended, has data */
  playing: boolean;
  /** rendered width × height in CSS px (0 for audio or hidden elements) */
  area: number;
  /** seconds, NaN / Infinity while unknown */
  duration: number;
  /** readyState ≥ HAVE_METADATA */
  hasMetadata: boolean;
  muted?: boolean;
  loop?: boolean;
}

/** A looping clip or a tiny preview: page decoration, not a recording. */
export function isBackgroundMedia(m: MediaDescriptor): boolean {
  return !!m.loop || (Number.isFinite(m.area) && m.area > 0 && m.area < TINY_AREA);
}

/** Neither background media nor muted: what a person listens to. */
export function isListenable(m: MediaDescriptor): boolean {
  return !isBackgroundMedia(m) && !m.muted;
}

/** Index of the media element to follow, or -1 when there is none. */
export function pickMedia(list: readonly MediaDescriptor[]): number {
  if (list.length === 0) return -1;
  let best = -1;
  let bestRank: number[] = [];
  list.forEach((m, i) => {
    const rank = [
      isBackgroundMedia(m) ? 0 : 1,
      m.playing && !m.muted ? 1 : 0,
      Number.isFinite(m.area) ? Math.max(0, m.area) : 0,
      m.hasMetadata ? 1 : 0,
      Number.isFinite(m.duration) && m.duration > 0 ? 1 : 0,
    ];
    if (best === -1 || compareRank(rank, bestRank) > 0) {
      best = i;
      bestRank = rank;
    }
  });
  return best;
}

/** Lexicographic: first difference decides; ties keep document order. */
function compareRank(a: number[], b: number[]): number {
  for (let i = 0; i < a.length; i++) {
    const d = (a[i] ?? 0) - (b[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

/**
 * "mm:ss", "m:ss", "h:mm:ss" or plain seconds typed by a person → seconds.
 * Returns null for anything else (never guesses).
 */
export function parseTypedTime(input: string): number | null {
  const s = input.trim();
  if (/^\d{1,5}(\.\d+)?$/.test(s)) return Number(s);
  const m = /^(?:(\d{1,2}):)?(\d{1,3}):(\d{2})$/.exec(s);
  if (!m) return null;
  const h = m[1] ? Number(m[1]) : 0;
  const min = Number(m[2]);
  const sec = Number(m[3]);
  if (sec >= 60 || (m[1] !== undefined && min >= 60)) return null;
  const total = h * 3600 + min * 60 + sec;
  return total <= 24 * 3600 ? total : null;
}

/** 75.4 → "1:15"; 3725 → "1:02:05". Floors: a pin shows the second it was made in. */
export function formatMediaTime(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return '0:00';
  const t = Math.floor(seconds);
  const h = Math.floor(t / 3600);
  const m = Math.floor((t % 3600) / 60);
  const s = t % 60;
  const ss = String(s).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`;
}
