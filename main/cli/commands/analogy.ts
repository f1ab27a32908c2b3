import { K_DEFAULT, K_MAX } from '../../../common/contract/contract';
import { COMMON_DETAILS, COMMON_OPTIONS, type Command, intOption, UsageError } from '../command';
import { openService } from '../context';
import { methodOption, neighborsJson, printNeighbors, reportError } from './neighbor-output';

export const analogyCommand: Command = {
  name: 'analogy',
  summary: 'solve "A is to B as C is to ?" (the words nearest B - A + C)',
  usage: 'embedding-explorer analogy A B C [--k 10] [--method add|mul] [--restrict N] [--model NAME] [--json]',
  details: [
    '  A B C            "man king woman" asks: man is to king as woman is to ?',
    `  --k N            answers (default ${K_DEFAULT}, 1..${K_MAX})`,
    '  --method M       add (3CosAdd, gensim most_similar; default) | mul (3CosMul, most_similar_cosmul)',
    '  --restrict N     only the N most frequent words may answer (default: every word)',
    '  --model NAME     model to use (default: the active model)',
    ...COMMON_DETAILS,
  ],
  options: {
    ...COMMON_OPTIONS,
    k: { type: 'string' },
    model: { type: 'string' },
    method: { type: 'string' },
    restrict: { type: 'string' },
  },
  async run(positionals, values) {
    if (positionals.length !== 3) throw new UsageError(`give exactly three words A B C (got ${positionals.length}), e.g. "man king woman"`);
    const [a, b, c] = positionals;
    const k = intOption(values, 'k', K_DEFAULT, 1, K_MAX);
    const restrict = values.restrict === undefined ? undefined : intOption(values, 'restrict', 0, 1, 1_000_000_000);
    const method = methodOption(values);
    const service = openService(values);
    try {
      const r = await service.analogy({ a, b, c, k, method, restrict, model: values.model as string | undefined });
      if (values.json) process.stdout.write(`${JSON.stringify(neighborsJson(r), null, 2)}\n`);
      else printNeighbors(r);
      return reportError(r) ? 1 : 0;
    } finally {
      service.close();
    }
  },
};
