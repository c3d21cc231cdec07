/**
 * Recording-page addresses → which call this is. Runs in the calls content
 * script, so plain URL parsing only: no zod, no browser APIs.
 *
 * Sources for the patterns:
 * - Gong: `https://app.gong.io/call?id={digits}`; companies on a dedicated
 *   cell use `https://us-{n}.app.gong.io/call?id=…` (same path and id).
 * - Zoom cloud recordings: `https://zoom.us/rec/play/{token}` and
 *   `https://zoom.us/rec/share/{token}`, also on vanity/regional hosts such as
 *   `us02web.zoom.us` or `acme.zoom.us`; the token is base64url with dots.
 * - Chorus: `https://chorus.ai/meeting/{32 hex}` (optionally `?start=…`), and a
 *   variant `https://chorus.ai/meeting/{n}?tab=summary&call={32 hex}` where the
 *   call id is the `call` parameter. Not from Chorus's own docs (docs.chorus.ai
 *   is offline); seen in links people share publicly. Unconfirmed: any
 *   `app.chorus.ai` host or a ZoomInfo-hosted player, so neither is matched.
 */

export type CallProviderId = 'gong' | 'zoom' | 'chorus' | 'media';

export interface CallAddress {
  provider: CallProviderId;
  /** the provider's id for the recording */
  callId: string;
  /** `${provider}:${callId}`: one review per call */
  callKey: string;
}

const GONG_ID = /^\d{6,30}$/;
const ZOOM_TOKEN = /^[A-Za-z0-9_\-.~]{8,300}$/;
const CHORUS_ID = /^[A-Za-z0-9]{4,64}$/;

function key(provider: CallProviderId, callId: string): CallAddress {
  return { provider, callId, callKey: `${provider}:${callId}` };
}

function toUrl(input: string | URL): URL | null {
  if (input instanceof URL) return input;
  try {
    return new URL(input);
  } catch {
    return null;
  }
}

const isHost = (host: string, domain: string) => host === domain || host.endsWith(`.${domain}`);

export function parseGong(url: URL): CallAddress | null {
  if (!isHost(url.hostname, 'app.gong.io')) return null;
  if (url.pathname.replace(/\/+$/, '') !== '/call') return null;
  const id = url.searchParams.get('id');
  return id && GONG_ID.test(id) ? key('gong', id) : null;
}

export function parseZoom(url: URL): CallAddress | null {
  if (!isHost(url.hostname, 'zoom.us')) return null;
  const m = /^\/rec\/(?:play|share)\/([^/]+)\/?$/.exec(url.pathname);
  const token = m?.[1];
  return token && ZOOM_TOKEN.test(token) ? key('zoom', token) : null;
}

export function parseChorus(url: URL): CallAddress | null {
  if (url.hostname !== 'chorus.ai' && url.hostname !== 'www.chorus.ai') return null;
  const m = /^\/meeting\/([^/]+)\/?$/.exec(url.pathname);
  const pathId = m?.[1];
  if (!pathId) return null;
  const callParam = url.searchParams.get('call');
  const id = callParam && CHORUS_ID.test(callParam) ? callParam : pathId;
  return CHORUS_ID.test(id) ? key('chorus', id) : null;
}

/** Gong, Zoom or Chorus recording address → its call; anything else → null. */
export function parseCallAddress(input: string | URL): CallAddress | null {
  const url = toUrl(input);
  if (!url || url.protocol !== 'https:') return null;
  return parseGong(url) ?? parseZoom(url) ?? parseChorus(url);
}

/**
 * Any other page the user asked to review ("Review this call"): the call is
 * the page address without its fragment, so a reload finds the same draft —
 * unless the fragment is the app's route ("#/recordings/2", "#!/…"): a player
 * that routes there shows each recording at its own fragment.
 */
export function genericCallAddress(input: string | URL): CallAddress | null {
  const url = toUrl(input);
  if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:')) return null;
  const route = /^#!?\//.test(url.hash) ? url.hash : '';
  const id = `${url.origin}${url.pathname}${url.search}${route}`;
  return key('media', id.length > MAX_MEDIA_ID ? longMediaId(id) : id);
}

/** The longest page address kept whole as a call id (ids are at most 300 characters). */
export const MAX_MEDIA_ID = 290;

/**
 * An address too long to keep whole: its start and a digest of all of it. Cut short instead
 * (as before database v9), two recordings whose addresses share their first 290 characters (a
 * Teams meeting's recordings, deep in a SharePoint site's path) were one call, and the second
 * opened the first's review.
 */
export function longMediaId(id: string): string {
  return `${id.slice(0, MAX_MEDIA_ID - 18)}#${digest64(id)}`;
}

/** FNV-1a, 64 bits as two 32-bit lanes, in hex: plain and synchronous (not for secrets). */
function digest64(s: string): string {
  let a = 0x811c9dc5;
  let b = 0xcbf29ce4;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193) >>> 0;
    b = Math.imul(b ^ c ^ (a >>> 7), 0x01000193) >>> 0;
  }
  return a.toString(16).padStart(8, '0') + b.toString(16).padStart(8, '0');
}

/** The known provider's call, else (only when the user asked) the page itself. */
export function callAddressFor(input: string | URL, allowGeneric: boolean): CallAddress | null {
  return parseCallAddress(input) ?? (allowGeneric ? genericCallAddress(input) : null);
}

const TITLE_SUFFIX: Record<CallProviderId, RegExp | null> = {
  gong: /\s*[|\-–—]\s*Gong\s*$/i,
  zoom: /\s*[|\-–—]\s*Zoom\s*$/i,
  chorus: /\s*[|\-–—]\s*Chorus(?:\.ai)?\s*$/i,
  media: null,
};

/** The page title without the provider's " | Gong" / " - Zoom" suffix, bounded. */
export function cleanCallTitle(provider: CallProviderId, raw: string): string {
  const t = raw.replace(/\s+/g, ' ').trim();
  const suffix = TITLE_SUFFIX[provider];
  const cleaned = suffix ? t.replace(suffix, '').trim() : t;
  return (cleaned || t).slice(0, 300);
}

/**
 * A stored call review keyed by a long address cut short (before database v9): its key made
 * again from the address it stores, as `genericCallAddress` makes it now; anything else, the
 * same object. Records come as stored or read from a backup (unknown shapes).
 */
export function withLongMediaKey<T>(review: T): T {
  const r = review as { provider?: unknown; callId?: unknown; url?: unknown } | null;
  if (!r || r.provider !== 'media' || typeof r.callId !== 'string' || r.callId.length !== MAX_MEDIA_ID || typeof r.url !== 'string') return review;
  const call = genericCallAddress(r.url);
  if (!call || call.callId === r.callId || !call.callId.startsWith(r.callId.slice(0, MAX_MEDIA_ID - 18))) return review;
  return { ...review, callId: call.callId, callKey: call.callKey };
}
