import { ExplorerError } from '../errors';

/**
 * Readers of the two benchmark formats, line for line as gensim reads them, so the same file
 * gives the same questions: malformed lines are counted and skipped, never fatal.
 */

export interface WordPair {
  a: string;
  b: string;
  score: number;
  /** 1-based line number. */
  line: number;
}

/** Python's float() on a field: surrounding spaces allowed, digits with optional "_" separators, inf and nan. */
const PY_FLOAT = /^[+-]?(?:(?:\d(?:_?\d)*)?\.?\d(?:_?\d)*(?:[eE][+-]?\d(?:_?\d)*)?|\d(?:_?\d)*\.|inf(?:inity)?|nan)$/i;

function pyFloat(text: string): number | null {
  const t = text.trim();
  if (!PY_FLOAT.test(t)) return null;
  const lower = t.toLowerCase().replace(/_/g, '');
  if (lower.endsWith('inf') || lower.endsWith('infinity')) return lower.startsWith('-') ? -Infinity : Infinity;
  if (lower.endsWith('nan')) return NaN;
  return Number(lower);
}

/** Text-mode lines as Python reads them (universal newlines), without their line ends. */
function textLines(content: string): string[] {
  const lines = content.split(/\r\n|\r|\n/);
  if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  return lines;
}

/**
 * word1<TAB>word2<TAB>score lines (WordSim-353, SimLex-999 as distributed). Lines starting with
 * "#" are comments; any line that does not split into exactly three tab-separated fields with a
 * number last is invalid. Words are kept as written (gensim does not trim them either).
 */
export function readPairs(content: string): { pairs: WordPair[]; invalid: number } {
  const pairs: WordPair[] = [];
  let invalid = 0;
  textLines(content).forEach((line, i) => {
    if (line.startsWith('#')) return;
    const fields = line.split('\t');
    const score = fields.length === 3 ? pyFloat(fields[2]) : null;
    if (score === null) {
      invalid++;
      return;
    }
    pairs.push({ a: fields[0], b: fields[1], score, line: i + 1 });
  });
  return { pairs, invalid };
}

export interface AnalogySectionQuestions {
  name: string;
  /** [a, b, c, expected] as written. */
  questions: [string, string, string, string][];
}

/**
 * questions-words.txt: ": section" lines, then "a b c d" lines (any whitespace between). A line
 * that is not four words is invalid and skipped; a question before the first section is an
 * error, as in gensim.
 */
export function readAnalogies(content: string, file: string): { sections: AnalogySectionQuestions[]; questions: number; invalid: number } {
  const sections: AnalogySectionQuestions[] = [];
  let section: AnalogySectionQuestions | null = null;
  let questions = 0;
  let invalid = 0;
  // gensim reads this file in binary mode: lines end at "\n" only, a "\r" before it is whitespace.
  const lines = content.split('\n');
  if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  lines.forEach((line, i) => {
    if (line.startsWith(': ')) {
      section = { name: line.replace(/^[: ]+/, '').trim(), questions: [] };
      sections.push(section);
      return;
    }
    if (!section) {
      throw new ExplorerError('bad-benchmark', `${file}, line ${i + 1}: a question before the first ": section" line.`);
    }
    const words = line.split(/\s+/).filter((w) => w.length > 0);
    if (words.length !== 4) {
      invalid++;
      return;
    }
    questions++;
    section.questions.push(words as [string, string, string, string]);
  });
  return { sections, questions, invalid };
}
