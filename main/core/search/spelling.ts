/**
 * Close spellings for an unknown word: bounded Damerau-Levenshtein over the vocabulary, ranked
 * by distance, then by whether the word extends the typed text, then by frequency.
 */
export function editDistance(a: string, b: string, max: number): number {
  const la = a.length;
  const lb = b.length;
  if (Math.abs(la - lb) > max) return max + 1;
  let prev2 = new Int32Array(lb + 1);
  let prev = new Int32Array(lb + 1);
  let cur = new Int32Array(lb + 1);
  for (let j = 0; j <= lb; j++) prev[j] = j;
  for (let i = 1; i <= la; i++) {
    cur[0] = i;
    let rowMin = i;
    const ca = a.charCodeAt(i - 1);
    for (let j = 1; j <= lb; j++) {
      const cb = b.charCodeAt(j - 1);
      let v = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca === cb ? 0 : 1));
      if (i > 1 && j > 1 && ca === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === cb) v = Math.min(v, prev2[j - 2] + 1);
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return max + 1;
    const t = prev2;
    prev2 = prev;
    prev = cur;
    cur = t;
  }
  return prev[lb];
}

/** Up to `limit` vocabulary words close to `word`; `words` must be in frequency order. */
export function suggestSpellings(word: string, words: readonly string[], limit = 5): string[] {
  const q = word.toLowerCase();
  if (q.length === 0) return [];
  const max = q.length <= 3 ? 1 : 2;
  const found: { w: string; d: number; prefix: boolean; rank: number }[] = [];
  for (let i = 0; i < words.length; i++) {
    const w = words[i];
    if (Math.abs(w.length - q.length) > max) continue;
    const d = editDistance(q, w.toLowerCase(), max);
    if (d <= max && w !== word) found.push({ w, d, prefix: w.toLowerCase().startsWith(q), rank: i });
  }
  found.sort((a, b) => a.d - b.d || Number(b.prefix) - Number(a.prefix) || a.rank - b.rank);
  const out: string[] = [];
  for (const f of found) {
    if (!out.includes(f.w)) out.push(f.w);
    if (out.length === limit) break;
  }
  return out;
}
