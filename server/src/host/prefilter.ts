// The byte-level pre-filter of a workspace scan: whether a file's raw bytes contain one of the literals
// without which the engine can report nothing (`prefilterTokens`). A file without any is neither decoded
// nor parsed; most files of a large tree have none, so this is where a scan spends its time.
//
// For valid UTF-8, a token's UTF-8 bytes occur in the bytes exactly when the token occurs in the text
// (UTF-8 is self-synchronising), so the answer is the engine's own, before any decoding.
import { languageOf } from '../engine/languages';
import { prefilterTokens } from '../engine/lint';
import type { LanguageId, LintSettings } from '../engine/types';

/** True when the bytes contain at least one of the tokens it was compiled from. */
export type ByteTest = (bytes: Uint8Array) => boolean;

/** Tokens at most this long are searched one by one with the native `indexOf` (a memchr-based search). */
const SHORT = 3;
/** Never step further than this (the table then holds `stride` entries per token). */
const MAX_STRIDE = 8;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** How common a byte is in source text: lower-case letters, blanks and `_` are everywhere. */
function commonness(b: number): number {
  if ((b >= 0x61 && b <= 0x7a) || b === 0x20 || b === 0x5f || b === 0x0a) return 2;
  if (b === 0x2e || b === 0x28 || b === 0x29 || b === 0x2c || b === 0x3d || b === 0x22 || b === 0x27) return 1;
  return 0;
}

/** The table key of the 2 or 3 bytes at `i` (3 bytes are hashed into 16 bits). */
function keyAt(bytes: Uint8Array, i: number, q: number): number {
  return q === 2
    ? (bytes[i] << 8) | bytes[i + 1]
    : Math.imul(bytes[i] | (bytes[i + 1] << 8) | (bytes[i + 2] << 16), 0x9e3779b1) >>> 16;
}

/**
 * Compiles tokens into one search over the bytes. Tokens that contain another token are dropped; the
 * shortest (up to 3 bytes) are searched natively; the rest share one pass that probes a 64K table with
 * the q bytes (2, or 3 hashed, for tokens of 6 bytes and more) found every `stride` bytes, where
 * `stride` = shortest remaining token length - q + 1, so every occurrence covers one probe. Candidate
 * tokens are compared only where the probe hits one of their q-grams. Each token is anchored at its
 * least common run of q-grams, so probes rarely hit on ordinary text. About 1.5 ns a byte on Python
 * source, where decoding alone costs 0.9 and the engine's per-token `includes` several times more.
 */
export function compileByteTest(tokens: readonly string[]): ByteTest {
  const encoded = [...new Set(tokens)].map((t) => Buffer.from(t, 'utf8'));
  if (encoded.some((t) => t.length === 0) || tokens.some((t) => LONE_SURROGATE.test(t))) return () => true;
  const minimal = encoded.filter((t, i) => !encoded.some((u, j) => j !== i && u.length < t.length && t.includes(u)));
  const short = minimal.filter((t) => t.length <= SHORT);
  const long = minimal.filter((t) => t.length > SHORT);
  if (long.length === 0) return (bytes) => short.some((t) => indexOf(bytes, t) >= 0);

  const shortest = Math.min(...long.map((t) => t.length));
  const q = shortest >= 6 ? 3 : 2;
  const stride = Math.min(MAX_STRIDE, shortest - q + 1);
  // q-gram key → bucket number; a bucket lists (token index, offset of the q-gram in the token).
  const table = new Uint16Array(65536);
  const buckets: number[][] = [[]];
  long.forEach((t, ti) => {
    // The window of `stride` consecutive q-grams with the least common bytes.
    let best = 0;
    let bestScore = Infinity;
    for (let base = 0; base + stride + q - 1 <= t.length; base++) {
      let score = 0;
      for (let k = base; k < base + stride + q - 1; k++) score += commonness(t[k]);
      if (score < bestScore) {
        bestScore = score;
        best = base;
      }
    }
    for (let off = best; off < best + stride; off++) {
      const key = keyAt(t, off, q);
      if (table[key] === 0) {
        table[key] = buckets.length;
        buckets.push([]);
      }
      buckets[table[key]].push(ti, off);
    }
  });
  const flat = buckets.map((b) => Int32Array.from(b));

  const matchAt = (bytes: Uint8Array, i: number, list: Int32Array): boolean => {
    const n = bytes.length;
    for (let k = 0; k < list.length; k += 2) {
      const t = long[list[k]];
      const start = i - list[k + 1];
      const len = t.length;
      if (start < 0 || start + len > n) continue;
      let j = 0;
      while (j < len && bytes[start + j] === t[j]) j++;
      if (j === len) return true;
    }
    return false;
  };
  // Two copies of the loop, so each stays monomorphic and inlines its key.
  const scan =
    q === 2
      ? (bytes: Uint8Array): boolean => {
          for (let i = 0, n = bytes.length; i + 1 < n; i += stride) {
            const b = table[(bytes[i] << 8) | bytes[i + 1]];
            if (b !== 0 && matchAt(bytes, i, flat[b])) return true;
          }
          return false;
        }
      : (bytes: Uint8Array): boolean => {
          for (let i = 0, n = bytes.length; i + 2 < n; i += stride) {
            const b = table[Math.imul(bytes[i] | (bytes[i + 1] << 8) | (bytes[i + 2] << 16), 0x9e3779b1) >>> 16];
            if (b !== 0 && matchAt(bytes, i, flat[b])) return true;
          }
          return false;
        };
  if (short.length === 0) return scan;
  return (bytes) => short.some((t) => indexOf(bytes, t) >= 0) || scan(bytes);
}

function indexOf(bytes: Uint8Array, token: Buffer): number {
  return Buffer.isBuffer(bytes)
    ? bytes.indexOf(token)
    : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).indexOf(token);
}

const cache = new WeakMap<LintSettings, Map<LanguageId, ByteTest | null>>();

/**
 * The byte test for files of a language under the settings, or `undefined` when every such file must
 * be linted (some detector has no tokens). Compiled once per settings object and language.
 */
export function byteTestFor(language: LanguageId, settings: LintSettings): ByteTest | undefined {
  let perLanguage = cache.get(settings);
  if (!perLanguage) cache.set(settings, (perLanguage = new Map<LanguageId, ByteTest | null>()));
  let test = perLanguage.get(language);
  if (test === undefined) {
    const tokens = prefilterTokens(language, settings);
    test = tokens ? compileByteTest(tokens) : null;
    perLanguage.set(language, test);
  }
  return test ?? undefined;
}

/** The byte test for a file linted under `lintPath` (the path the engine is given), if any. */
export function byteTestForPath(lintPath: string, settings: LintSettings): ByteTest | undefined {
  const language = languageOf(lintPath);
  return language ? byteTestFor(language, settings) : undefined;
}
