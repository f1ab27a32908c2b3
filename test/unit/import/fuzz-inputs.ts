/** Generated vector-file inputs, shared by the parser and import property tests. */
import fc from 'fast-check';

// Text made of the pieces real (and broken) vector files are made of.
const word = fc.constantFrom('the', 'naïve', 'über', '日本', 'a,b', '"q"', '-', '#', '\u00a0', '\uFFFD', 'x\u0000y', '');
const number = fc.oneof(
  fc.double({ noNaN: false }).map(String),
  fc.float().map((f) => f.toPrecision(7)),
  fc.constantFrom('0', '-0', '1e39', '-1e-50', 'NaN', 'inf', '-Infinity', '1.', '.5', '-', '+', 'e5', '0x1F', '1_0', '١٢'),
);
const sep = fc.constantFrom(' ', '\t', '  ', ' \t');
const eol = fc.constantFrom('\n', '\r\n', '\r', '\n\n');
const line = fc
  .tuple(word, fc.array(fc.tuple(sep, number), { minLength: 0, maxLength: 5 }), fc.option(sep), eol)
  .map(([w, vals, trail, end]) => `${w}${vals.map(([s, n]) => s + n).join('')}${trail ?? ''}${end}`);
const header = fc.tuple(fc.nat(8), fc.nat(6), eol).map(([n, d, end]) => `${n} ${d}${end}`);
export const textFile = fc.tuple(fc.option(header), fc.array(line, { maxLength: 8 }), fc.boolean()).map(([h, lines, dropLastEol]) => {
  let s = (h ?? '') + lines.join('');
  if (dropLastEol) s = s.replace(/\r?\n$/, '');
  return Buffer.from(s);
});
/** Well-formed files (same width on every row), sometimes with one byte changed. */
export const consistentText = fc
  .tuple(fc.integer({ min: 1, max: 4 }), fc.array(fc.constantFrom('the', 'of', 'naïve', '日本', 'a,b'), { minLength: 1, maxLength: 6 }))
  .chain(([dims, words]) =>
    fc.tuple(
      fc.constant(words),
      fc.array(
        fc.array(fc.float({ noNaN: true, noDefaultInfinity: true, min: Math.fround(-1e30), max: Math.fround(1e30) }), {
          minLength: dims,
          maxLength: dims,
        }),
        {
          minLength: words.length,
          maxLength: words.length,
        },
      ),
      fc.boolean(),
      fc.option(fc.tuple(fc.nat(200), fc.nat(255))),
    ),
  )
  .map(([words, rows, withHeader, flip]) => {
    const body = words.map((w, i) => `${w} ${rows[i].map((v) => (v === 0 ? 0.5 : v)).join(' ')}\n`).join('');
    const b = Buffer.from(`${withHeader ? `${words.length} ${rows[0].length}\n` : ''}${body}`);
    if (flip && b.length) b[flip[0] % b.length] = flip[1];
    return b;
  });
export const anyBytes = fc.uint8Array({ maxLength: 120 }).map((a) => Buffer.from(a));
const tsvLine = fc.tuple(fc.array(number, { minLength: 0, maxLength: 4 }), eol).map(([vals, end]) => `${vals.join('\t')}${end}`);
export const tsvFile = fc.array(tsvLine, { maxLength: 8 }).map((lines) => Buffer.from(lines.join('')));

export const consistentTsv = fc
  .tuple(fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 6 }))
  .chain(([dims, n]) =>
    fc.array(fc.array(fc.integer({ min: 1, max: 999 }), { minLength: dims, maxLength: dims }), { minLength: n, maxLength: n }),
  )
  .map((rows) => Buffer.from(rows.map((r) => `${r.map((v) => v / 100).join('\t')}\n`).join('')));

export const consistentBin = fc
  .tuple(
    fc.integer({ min: 1, max: 4 }),
    fc.array(fc.constantFrom('the', 'of', 'naïve', '日本'), { minLength: 1, maxLength: 5 }),
    fc.option(fc.tuple(fc.nat(200), fc.nat(255))),
  )
  .map(([dims, words, flip]) => {
    const recs = words.map((w, i) => {
      const v = Buffer.alloc(dims * 4);
      for (let j = 0; j < dims; j++) v.writeFloatLE((i + 1) * (j - 1.5), j * 4);
      return Buffer.concat([Buffer.from(`${w} `), v, Buffer.from('\n')]);
    });
    const b = Buffer.concat([Buffer.from(`${words.length} ${dims}\n`), ...recs]);
    if (flip) b[flip[0] % b.length] = flip[1];
    return b;
  });
const record = fc.tuple(word, fc.array(fc.float(), { minLength: 0, maxLength: 4 }), fc.constantFrom('', '\n')).map(([w, vals, end]) => {
  const v = Buffer.alloc(vals.length * 4);
  vals.forEach((x, i) => v.writeFloatLE(x, i * 4));
  return Buffer.concat([Buffer.from(`${w} `), v, Buffer.from(end)]);
});
export const binFile = fc.tuple(fc.nat(5), fc.nat(4), fc.array(record, { maxLength: 6 }), fc.nat(8)).map(([n, d, recs, chop]) => {
  const b = Buffer.concat([Buffer.from(`${n} ${d}\n`), ...recs]);
  return b.subarray(0, Math.max(0, b.length - (chop < 4 ? chop : 0)));
});
