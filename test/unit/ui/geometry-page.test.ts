import { describe, expect, it } from 'vitest';
import type { AnalogiesEvaluation, NeighborsResult, PairsEvaluation } from '../../../common/contract/contract';
import { analogyOf } from '../../../renderer/src/app/analogy-of';
import { evaluationMarkdown } from '../../../renderer/src/ui/evaluation-markdown';

const term = (matched: string, weight: number, phrase = false) => ({ text: matched, matched, weight, phrase });

describe('the analogy drawn for a search', () => {
  const result = (terms: ReturnType<typeof term>[]): NeighborsResult => ({
    model: 'm',
    query: 'q',
    terms,
    neighbors: [{ word: 'queen', similarity: 0.77, rank: 5 }],
  });

  it('is b - a + c with unit weights, in any order, answered by the first neighbour', () => {
    expect(analogyOf(result([term('king', 1), term('man', -1), term('woman', 1)]))).toEqual({
      a: 'man',
      b: 'king',
      c: 'woman',
      answer: 'queen',
    });
    expect(analogyOf(result([term('man', -1), term('king', 1), term('woman', 1)]))).toEqual({
      a: 'man',
      b: 'king',
      c: 'woman',
      answer: 'queen',
    });
  });

  it('is absent for other expressions and plain words', () => {
    expect(analogyOf(result([term('king', 1), term('man', -1)]))).toBeNull();
    expect(analogyOf(result([term('king', 2), term('man', -1), term('woman', 1)]))).toBeNull();
    expect(analogyOf(result([term('king', 1), term('new york', -1, true), term('woman', 1)]))).toBeNull();
    expect(analogyOf({ model: 'm', query: 'virtue', matched: 'virtue', neighbors: [] })).toBeNull();
    expect(analogyOf(null)).toBeNull();
  });
});

describe('evaluation as Markdown', () => {
  it('prints an analogy table with a total row and escapes cells', () => {
    const r: AnalogiesEvaluation = {
      kind: 'analogies',
      model: 'glove',
      file: 'q|x.txt',
      questions: 19544,
      skipped: 58,
      invalid: 0,
      correct: 12372,
      accuracy: 12372 / 19486,
      sections: [{ name: 'family', correct: 413, total: 506, accuracy: 413 / 506 }],
      restrict: 300000,
      seconds: 1,
    };
    const md = evaluationMarkdown(r).split('\n');
    expect(md[0]).toContain('**q\\|x.txt**');
    expect(md[0]).toContain('19,544 questions');
    expect(md).toContain('| family | 413 | 506 | 81.6% |');
    expect(md).toContain('| **Total** | **12,372** | **19,486** | **63.5%** |');
  });

  it('prints correlations to 4 decimals, n/a when undefined', () => {
    const r: PairsEvaluation = {
      kind: 'pairs',
      model: 'm',
      file: 'ws.tsv',
      pairs: 353,
      skipped: 0,
      invalid: 0,
      oovRatio: 0,
      pearson: 0.54835,
      spearman: null,
      restrict: 300000,
      seconds: 0,
    };
    const md = evaluationMarkdown(r);
    expect(md).toContain('| Pearson | 0.5484 |');
    expect(md).toContain('| Spearman | n/a |');
  });
});
