import { describe, expect, it } from 'vitest';
import { collectMedia, findMedia, followMedia } from '../../../lib/calls/media-dom';

/** Just enough of the DOM for the finder: media elements, frames, shadow hosts. */
interface FakeMedia {
  localName: 'video' | 'audio';
  paused: boolean;
  muted?: boolean;
  loop?: boolean;
  isConnected?: boolean;
  ended: boolean;
  readyState: number;
  duration: number;
  name: string;
  ownerDocument: ShownDoc;
  getBoundingClientRect(): { width: number; height: number };
}
/** A document as its window shows it; `gone()`: its frame removed (the window dropped), as a browser does. */
interface ShownDoc {
  defaultView: { document: ShownDoc } | null;
}
const shownDoc = () => {
  const d: ShownDoc = { defaultView: null };
  d.defaultView = { document: d };
  return { doc: d, gone: () => void (d.defaultView = null) };
};
const PAGE = shownDoc().doc;
const media = (name: string, over: Partial<FakeMedia> & { w?: number; h?: number } = {}): FakeMedia => ({
  localName: 'video',
  ownerDocument: PAGE,
  paused: true,
  ended: false,
  readyState: 4,
  duration: 10,
  name,
  getBoundingClientRect: () => ({ width: over.w ?? 0, height: over.h ?? 0 }),
  ...over,
});

function doc(opts: { media?: FakeMedia[]; frames?: { contentDocument?: unknown; throws?: boolean }[]; shadow?: FakeMedia[] }) {
  const frames = (opts.frames ?? []).map((f) => ({
    get contentDocument() {
      if (f.throws) throw new DOMException('Blocked a frame with origin', 'SecurityError');
      return f.contentDocument ?? null;
    },
  }));
  const shadowHost = opts.shadow ? [{ shadowRoot: { querySelectorAll: () => opts.shadow } }] : [];
  return {
    querySelectorAll(sel: string) {
      if (sel === 'video, audio') return opts.media ?? [];
      if (sel === 'iframe, frame') return frames;
      if (sel === '*') return shadowHost;
      return [];
    },
  } as unknown as Document;
}
const names = (list: unknown[]) => list.map((m) => (m as FakeMedia).name);

describe('collectMedia', () => {
  it('finds media inside same-origin frames, and skips cross-origin ones without throwing', () => {
    const inner = doc({ media: [media('in-frame')] });
    const d = doc({ media: [media('top')], frames: [{ contentDocument: inner }, { throws: true }, { contentDocument: null }] });
    expect(names(collectMedia(d))).toEqual(['top', 'in-frame']);
  });
  it('looks into open shadow roots only when the light DOM has none', () => {
    expect(names(collectMedia(doc({ shadow: [media('shadow')] })))).toEqual(['shadow']);
    expect(names(collectMedia(doc({ media: [media('light')], shadow: [media('shadow')] })))).toEqual(['light']);
  });
  it('looks into open shadow roots inside open shadow roots: a player component inside an app component', () => {
    // <app-shell> → #shadow → <x-player> → #shadow → <video> (found by the fuzz: before, only the first level was looked in)
    const inner = { shadowRoot: { querySelectorAll: (sel: string) => (sel === 'video, audio' ? [media('deep')] : []) } };
    const shell = { shadowRoot: { querySelectorAll: (sel: string) => (sel === '*' ? [inner] : []) } };
    const d = { querySelectorAll: (sel: string) => (sel === '*' ? [shell] : []) } as unknown as Document;
    expect(names(collectMedia(d))).toEqual(['deep']);
  });
  it('stops at a bounded frame depth', () => {
    let d = doc({ media: [media('deep')] });
    for (let i = 0; i < 6; i++) d = doc({ frames: [{ contentDocument: d }] });
    expect(collectMedia(d)).toEqual([]);
  });
});

describe('findMedia', () => {
  it('is null on a page without media (pin by typed time)', () => {
    expect(findMedia(doc({}))).toBeNull();
  });
  it('takes the only element without measuring it', () => {
    const only = media('only', {
      getBoundingClientRect: () => {
        throw new Error('should not force a layout');
      },
    });
    expect((findMedia(doc({ media: [only] })) as unknown as FakeMedia).name).toBe('only');
  });
  it('follows the playing element, else the largest', () => {
    const small = media('small', { w: 160, h: 90 });
    const big = media('big', { w: 1280, h: 720 });
    expect((findMedia(doc({ media: [small, big] })) as unknown as FakeMedia).name).toBe('big');
    const playingSmall = { ...small, paused: false };
    expect((findMedia(doc({ media: [playingSmall, big] })) as unknown as FakeMedia).name).toBe('small');
  });
  it('the playing element in a frame beats a paused one on top', () => {
    const inner = doc({ media: [media('framed', { paused: false, w: 320, h: 180 })] });
    const d = doc({ media: [media('top', { w: 1000, h: 500 })], frames: [{ contentDocument: inner }] });
    expect((findMedia(d) as unknown as FakeMedia).name).toBe('framed');
  });
  it('a muted looping clip playing, or a tiny preview playing, never wins over the paused recording', () => {
    const recording = media('recording', { w: 1280, h: 720, duration: 3600 });
    const clip = media('clip', { paused: false, muted: true, loop: true, w: 1280, h: 720, duration: 4 });
    const avatar = media('avatar', { paused: false, w: 40, h: 40 });
    expect((findMedia(doc({ media: [clip, avatar, recording] })) as unknown as FakeMedia).name).toBe('recording');
  });
  it('never throws into the page', () => {
    const broken = { querySelectorAll: () => {
      throw new Error('boom');
    } } as unknown as Document;
    expect(findMedia(broken)).toBeNull();
  });
});

describe('followMedia (what pins and seeks follow)', () => {
  const clock = () => {
    let t = 0;
    return { now: () => t, pass: (ms: number) => (t += ms) };
  };
  const name = (m: unknown) => (m as FakeMedia | null)?.name ?? null;

  it('keeps the paused recording while it is on the page: a clip that starts playing never takes over', () => {
    const recording = media('recording', { w: 1280, h: 720, duration: 3600, isConnected: true });
    const clip = media('clip', { muted: true, loop: true, w: 320, h: 180, isConnected: true });
    const t = clock();
    const f = followMedia(doc({ media: [recording, clip] }), t.now, 4000);
    expect(name(f.current())).toBe('recording');
    // the person pauses; minutes later the page's looping clip starts playing
    t.pass(5 * 60_000);
    clip.paused = false;
    f.played(clip as unknown as HTMLMediaElement);
    expect(name(f.current())).toBe('recording');
    // while the recording plays, nothing else starting on the page moves the pins
    recording.paused = false;
    const other = media('other', { paused: false, w: 640, h: 360, isConnected: true });
    f.played(other as unknown as HTMLMediaElement);
    expect(name(f.current())).toBe('recording');
  });
  it('follows the recording the person presses play on while the first pick is paused (an audio player beside a promo video)', () => {
    // audible media starts only from the person's own gesture: a play like this is theirs
    const promo = media('promo', { w: 480, h: 270, isConnected: true });
    const audio = { ...media('audio', { isConnected: true, duration: 3600 }), localName: 'audio' as const };
    const f = followMedia(doc({ media: [promo, audio] }), clock().now, 4000);
    expect(name(f.current())).toBe('promo'); // nothing playing yet: the visible video ranks first
    audio.paused = false;
    f.played(audio as unknown as HTMLMediaElement);
    expect(name(f.current())).toBe('audio');
  });
  it('leaves a player whose frame the page removed or built again, though its element stays connected to the old document', () => {
    // Zoom's player lives in a frame the page builds: built again, the old frame's document is no
    // window's, and its <video> isConnected still (found by the fuzz: the review kept answering with
    // that dead player's time, and seeking it)
    const oldFrame = shownDoc();
    const old = media('old', { w: 1280, h: 720, isConnected: true, paused: false, ownerDocument: oldFrame.doc });
    const list = [old];
    const t = clock();
    const f = followMedia(doc({ media: list }), t.now, 4000);
    expect(name(f.current())).toBe('old');
    oldFrame.gone();
    list[0] = media('rebuilt', { w: 1280, h: 720, isConnected: true, ownerDocument: shownDoc().doc });
    expect(name(f.current())).toBe('rebuilt');

    // a play on the page is taken over a playing pick that is gone
    const other = shownDoc();
    const g = followMedia(doc({ media: [media('playing', { w: 1280, h: 720, isConnected: true, paused: false, ownerDocument: other.doc })] }), t.now, 4000);
    expect(name(g.current())).toBe('playing');
    other.gone();
    g.played(media('pressed', { paused: false, w: 1280, h: 720, isConnected: true }) as unknown as HTMLMediaElement);
    expect(name(g.current())).toBe('pressed');
  });
  it('picks again once the followed element leaves the page (an SPA swaps the player)', () => {
    const first = media('first', { w: 1280, h: 720, isConnected: true });
    const list = [first];
    const f = followMedia(doc({ media: list }), clock().now, 4000);
    expect(name(f.current())).toBe('first');
    first.isConnected = false;
    list[0] = media('second', { w: 1280, h: 720, isConnected: true });
    expect(name(f.current())).toBe('second');
  });
  it('a background pick (all there was) is looked at again, and a real player that starts playing takes its place', () => {
    const clip = media('clip', { paused: false, muted: true, loop: true, w: 320, h: 180, isConnected: true });
    const list = [clip];
    const t = clock();
    const f = followMedia(doc({ media: list }), t.now, 4000);
    expect(name(f.current())).toBe('clip');
    const player = media('player', { w: 1280, h: 720, isConnected: true });
    list.push(player);
    expect(name(f.current())).toBe('clip'); // not measured again on every ask
    t.pass(4000);
    expect(name(f.current())).toBe('player');

    const g = followMedia(doc({ media: [clip] }), t.now, 4000);
    expect(name(g.current())).toBe('clip');
    g.played(player as unknown as HTMLMediaElement);
    expect(name(g.current())).toBe('player');
  });
  it('a page with no media in reach (a cross-origin player) is searched at most once per re-pick interval, not at every ask', () => {
    const d = doc({});
    let walks = 0;
    const query = d.querySelectorAll.bind(d);
    (d as { querySelectorAll: unknown }).querySelectorAll = (sel: string) => {
      if (sel === '*') walks++; // every element of the page, each checked for a shadow root
      return query(sel);
    };
    const t = clock();
    const f = followMedia(d, t.now, 4000);
    for (let i = 0; i < 60; i++) {
      expect(f.current()).toBeNull(); // a minute of the panel's 1-second poll
      t.pass(1000);
    }
    expect(walks).toBe(15);
  });
  it('media that arrives after a search that found none is followed once the interval passes, or at once when it plays', () => {
    const list: FakeMedia[] = [];
    const t = clock();
    const f = followMedia(doc({ media: list }), t.now, 4000);
    expect(f.current()).toBeNull();
    list.push(media('late', { w: 1280, h: 720, isConnected: true }));
    expect(f.current()).toBeNull();
    t.pass(4000);
    expect(name(f.current())).toBe('late');

    const g = followMedia(doc({}), t.now, 4000);
    expect(g.current()).toBeNull();
    g.played(media('pressed', { paused: false, w: 1280, h: 720, isConnected: true }) as unknown as HTMLMediaElement);
    expect(name(g.current())).toBe('pressed');
  });
  it("a person's ask (pinning a note, a seek) searches again at once for media that arrived since a search found none", () => {
    const list: FakeMedia[] = [];
    const t = clock();
    const f = followMedia(doc({ media: list }), t.now, 4000);
    expect(f.current()).toBeNull();
    // a player inside a frame (whose play this page does not hear) arrives, and plays
    list.push(media('framed', { w: 1280, h: 720, isConnected: true, paused: false }));
    expect(f.current()).toBeNull(); // the poll: none, until the interval passes
    expect(name(f.current(true))).toBe('framed');
    // a poll then follows it too
    expect(name(f.current())).toBe('framed');
  });
});
