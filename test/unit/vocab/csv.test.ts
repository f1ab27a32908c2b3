import { describe, expect, it } from 'vitest';
import { parseDelimited } from '../../../main/core/vocab/csv';

describe('parseDelimited', () => {
  it('handles quotes, doubled quotes, delimiters and line breaks inside quotes, CRLF', () => {
    const rows = parseDelimited('word,note\r\n"a, b","say ""hi"""\r\n"two\nlines",x\nlast,', ',');
    expect(rows).toEqual([
      { fields: ['word', 'note'], line: 1 },
      { fields: ['a, b', 'say "hi"'], line: 2 },
      { fields: ['two\nlines', 'x'], line: 3 },
      { fields: ['last', ''], line: 5 },
    ]);
  });

  it('splits tab-separated text and keeps commas', () => {
    expect(parseDelimited('a,b\tc\n', '\t')).toEqual([{ fields: ['a,b', 'c'], line: 1 }]);
  });
});
