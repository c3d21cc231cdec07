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
 * Query parameters that say how a link was reached, not which recording it is: the same
 * recording opened from an e-mail, a chat and the address bar must be one call. Anywhere:
 * campaign and click ids. On SharePoint (Teams meetings are recorded there, as Stream
 * videos): the referral and sharing-view parameters its links gain as they pass through
 * Stream, Teams and Outlook. The file itself (`id`, a sharing link's `e`) is kept. A
 * parameter not listed is kept: two addresses left apart are two calls (two reviews of one
 * recording), which is better than one review opened for another recording.
 */
const TRACKING_ANYWHERE = /^(?:utm_.*|fbclid|gclid|dclid|gbraid|wbraid|msclkid|yclid|twclid|ttclid|igshid|li_fat_id|mc_cid|mc_eid|mkt_tok|_hsenc|_hsmi|_ga|_gl)$/i;
const TRACKING_SHAREPOINT = /^(?:referrer|referrerscenario|ga|nav|or|ct|clickparams|xsdata|sdata|ovuser|isspofile|csf|web|startedresponsecatch)$/i;
const isSharePoint = (host: string) => /(?:^|\.)sharepoint(?:-df)?\.(?:com|us|cn|de)$/.test(host);

/** The page address's query without the parameters that only say how the link was reached. */
function searchWithoutTracking(url: URL): string {
  const sharePoint = isSharePoint(url.hostname);
  const pairs = url.search.slice(1).split('&');
  const kept = pairs.filter((pair) => {
    let name = pair.split('=')[0]!;
    try {
      name = decodeURIComponent(name.replace(/\+/g, ' '));
    } catch {
      // a malformed escape: compared as written
    }
    return !TRACKING_ANYWHERE.test(name) && !(sharePoint && TRACKING_SHAREPOINT.test(name));
  });
  // nothing taken out: the query exactly as written (an address kept before v12 keeps its key)
  if (kept.length === pairs.length) return url.search;
  return kept.length ? `?${kept.join('&')}` : '';
}

/**
 * Any other page the user asked to review ("Review this call"): the call is
 * the page address without its fragment, so a reload finds the same draft —
 * unless the fragment is the app's route ("#/recordings/2", "#!/…"): a player
 * that routes there shows each recording at its own fragment. Tracking
 * parameters are left out (`searchWithoutTracking`); the others keep their
 * order and spelling.
 */
export function genericCallAddress(input: string | URL): CallAddress | null {
  const id = pageIdOf(input, true);
  return id === null ? null : key('media', id.length > MAX_MEDIA_ID ? longMediaId(id) : id);
}

/** The address as a call id before its length is bounded; `dropTracking` false: as Dealside before database v12 kept it. */
function pageIdOf(input: string | URL, dropTracking: boolean): string | null {
  const url = toUrl(input);
  if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:')) return null;
  const route = /^#!?\//.test(url.hash) ? url.hash : '';
  return `${url.origin}${url.pathname}${dropTracking ? searchWithoutTracking(url) : url.search}${route}`;
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
 * A stored call review of a page keyed as an earlier Dealside keyed it: its key made again
 * from the address it stores, as `genericCallAddress` makes it now; anything else, the same
 * object. Earlier keys: before database v9 the whole address cut short at 290 characters;
 * before v12 the address with its tracking parameters. A review whose key is neither (it
 * was made from another address than the one stored) is left as it is. Records come as
 * stored or read from a backup (unknown shapes).
 */
export function withCurrentMediaKey<T>(review: T): T {
  const r = review as { provider?: unknown; callId?: unknown; url?: unknown } | null;
  if (!r || r.provider !== 'media' || typeof r.callId !== 'string' || typeof r.url !== 'string') return review;
  const call = genericCallAddress(r.url);
  const before = pageIdOf(r.url, false);
  if (!call || before === null || call.callId === r.callId) return review;
  const earlier = [before.slice(0, MAX_MEDIA_ID), before.length > MAX_MEDIA_ID ? longMediaId(before) : before];
  return earlier.includes(r.callId) ? { ...review, callId: call.callId, callKey: call.callKey } : review;
}
