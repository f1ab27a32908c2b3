/**
 * Words of a line of text. Word boundaries are Unicode's (UAX #29, through Intl.Segmenter), so
 * any script splits sensibly; on top of them inner hyphens join (state-of-the-art) and inner
 * apostrophes stay (don't, as the standard already keeps them). Lower-casing is an option.
 *
 * Intl.Segmenter costs about 2 µs a word, which would dominate training on a large corpus, so
 * ASCII lines take a shortcut: they are cut at characters that can never be part of a word
 * (the standard breaks around them unconditionally), and a piece that is plain letters with at
 * most some . , ; : ' around it is a word by itself. Everything else still goes through the
 * segmenter; a property test checks that both paths agree on arbitrary ASCII text.
 */

export interface TokenizeOptions {
  /** Lower-case every word. Default true. */
  lowercase?: boolean;
}

export type Tokenizer = (line: string, out: string[]) => void;

const segmenter = new Intl.Segmenter('en', { granularity: 'word' });
const HYPHENS = new Set(['-', '\u2010']);
const SPACE = /\s/u;
const SPACES = /\s+/u;
const WORDLIKE = /[\p{L}\p{N}]/u;

// eslint-disable-next-line no-control-regex
const ASCII_ONLY = /^[\x00-\x7f]*$/;
/** Runs of the only ASCII characters a word (or a hyphen between words) can contain. */
const ASCII_PIECE = /[A-Za-z0-9_.,;:'-]+/g;
/** Letters with optional mid-word punctuation around them: the letters alone are the word. */
const PLAIN = /^[.,;:']*([A-Za-z]+)[.,;:']*$/;
const PUNCT_ONLY = /^[.,;:']+$/;

/** Words of `text` through the segmenter, inner hyphens joined; pushed to `out`. */
function segmentWords(text: string, out: string[], lower: boolean): void {
  let pending: string | null = null; // the last word, still open to a hyphen and another word
  let hyphen = false; // a single hyphen directly follows `pending`
  const flush = () => {
    if (pending !== null) out.push(lower ? pending.toLowerCase() : pending);
    pending = null;
    hyphen = false;
  };
  for (const s of segmenter.segment(text)) {
    // A combining mark after a space joins the space's segment ("\u0020\u0300a"): words never hold spaces.
    if (s.isWordLike && SPACE.test(s.segment)) {
      flush();
      for (const piece of s.segment.split(SPACES)) if (WORDLIKE.test(piece)) out.push(lower ? piece.toLowerCase() : piece);
      continue;
    }
    if (s.isWordLike) {
      if (pending !== null && hyphen) pending = `${pending}-${s.segment}`;
      else {
        flush();
        pending = s.segment;
      }
      hyphen = false;
    } else if (pending !== null && !hyphen && HYPHENS.has(s.segment)) {
      hyphen = true;
    } else {
      flush();
    }
  }
  flush();
}

/** The reference path: every line through the segmenter (tests compare the shortcut to it). */
export function tokenizeSlow(line: string, opts: TokenizeOptions = {}): string[] {
  const out: string[] = [];
  segmentWords(line.normalize('NFC'), out, opts.lowercase ?? true);
  return out;
}

export function createTokenizer(opts: TokenizeOptions = {}): Tokenizer {
  const lower = opts.lowercase ?? true;
  return (line, out) => {
    if (!ASCII_ONLY.test(line)) {
      segmentWords(line.normalize('NFC'), out, lower);
      return;
    }
    ASCII_PIECE.lastIndex = 0;
    for (let m = ASCII_PIECE.exec(line); m !== null; m = ASCII_PIECE.exec(line)) {
      const piece = m[0];
      const plain = PLAIN.exec(piece);
      if (plain) out.push(lower ? plain[1].toLowerCase() : plain[1]);
      else if (!PUNCT_ONLY.test(piece)) segmentWords(piece, out, lower);
    }
  };
}

/** All words of a text (lines split at \n, \r\n or \r). */
export function tokenize(text: string, opts: TokenizeOptions = {}): string[] {
  const t = createTokenizer(opts);
  const out: string[] = [];
  for (const line of text.split(/\r\n|\r|\n/)) t(line, out);
  return out;
}
