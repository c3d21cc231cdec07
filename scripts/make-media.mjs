#!/usr/bin/env node
// Writes the recordings the call-review tests play: real PCM WAV files (plain
// Node, no ffmpeg), so seeking in Chromium really moves currentTime.
// Output: test/fixtures/media/generated/ (gitignored). Idempotent.
//   tone-10s.wav   10 s, 8 kHz mono 16-bit, 440 Hz with a short click every second
//   tone-3s.wav     3 s, the decoy/preview clip
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '..');
export const MEDIA_DIR = join(ROOT, 'test/fixtures/media/generated');

/** A mono 16-bit PCM WAV of a sine tone; a 10 ms click marks each whole second. */
export function makeWav({ seconds, rate = 8000, freq = 440 }) {
  const samples = Math.round(seconds * rate);
  const dataBytes = samples * 2;
  const buf = Buffer.alloc(44 + dataBytes);
  buf.write('RIFF', 0, 'ascii');
  buf.writeUInt32LE(36 + dataBytes, 4);
  buf.write('WAVE', 8, 'ascii');
  buf.write('fmt ', 12, 'ascii');
  buf.writeUInt32LE(16, 16); // fmt chunk size
  buf.writeUInt16LE(1, 20); // PCM
  buf.writeUInt16LE(1, 22); // mono
  buf.writeUInt32LE(rate, 24);
  buf.writeUInt32LE(rate * 2, 28); // byte rate
  buf.writeUInt16LE(2, 32); // block align
  buf.writeUInt16LE(16, 34); // bits per sample
  buf.write('data', 36, 'ascii');
  buf.writeUInt32LE(dataBytes, 40);
  for (let i = 0; i < samples; i++) {
    const t = i / rate;
    const click = t % 1 < 0.01 ? 0.5 : 0;
    const v = 0.25 * Math.sin(2 * Math.PI * freq * t) + click;
    buf.writeInt16LE(Math.max(-32768, Math.min(32767, Math.round(v * 32767))), 44 + i * 2);
  }
  return buf;
}

export function makeMedia() {
  mkdirSync(MEDIA_DIR, { recursive: true });
  const files = {
    'tone-10s.wav': makeWav({ seconds: 10 }),
    'tone-3s.wav': makeWav({ seconds: 3, freq: 660 }),
  };
  for (const [name, data] of Object.entries(files)) writeFileSync(join(MEDIA_DIR, name), data);
  return Object.keys(files).map((f) => join(MEDIA_DIR, f));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const f of makeMedia()) console.log(`wrote ${f}`);
}
