import { COMMON_DETAILS, COMMON_OPTIONS, type Command, UsageError } from '../command';
import { openService } from '../context';
import { round4 } from './neighbor-output';

export const doesntMatchCommand: Command = {
  name: 'doesnt-match',
  summary: 'the word that fits least with the others (odd one out)',
  usage: 'embedding-explorer doesnt-match W1 W2 W3 ... [--model NAME] [--json]',
  details: [
    "  W1 W2 ...        2 to 100 words; each one's cosine with the mean of all is shown, the lowest is odd",
    '  --model NAME     model to use (default: the active model)',
    ...COMMON_DETAILS,
  ],
  options: { ...COMMON_OPTIONS, model: { type: 'string' } },
  async run(positionals, values) {
    if (positionals.length < 2 || positionals.length > 100)
      throw new UsageError('give 2 to 100 words, e.g. "breakfast cereal dinner lunch"');
    const service = openService(values);
    try {
      const r = await service.doesntMatch({ words: positionals, model: values.model as string | undefined });
      if (values.json) {
        const similarities = r.similarities.map((s) => ({ word: s.word, similarity: round4(s.similarity) }));
        process.stdout.write(`${JSON.stringify({ model: r.model, words: r.words, odd: r.odd, similarities }, null, 2)}\n`);
      } else {
        const width = Math.max(4, ...r.similarities.map((s) => s.word.length));
        process.stdout.write(`Odd one out: ${r.odd} (${r.model})\n`);
        for (const s of r.similarities)
          process.stdout.write(`  ${s.word.padEnd(width)}  ${s.similarity.toFixed(4)}${s.word === r.odd ? '  ← odd' : ''}\n`);
      }
      for (const m of r.missing) {
        const hint = m.suggestions.length ? ` Did you mean: ${m.suggestions.join(', ')}?` : '';
        process.stderr.write(`embedding-explorer: "${m.word}" is not in ${r.model}; left out.${hint}\n`);
      }
      return 0;
    } finally {
      service.close();
    }
  },
};
