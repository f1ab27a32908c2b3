import { TOKENIZER_LABELS, TOKENIZERS, type TokenizerId } from '../../../common/contract/contract';
import { MAX_WORD_LENGTH } from '../../../common/contract/check';
import { tokens } from '../../core/tokens/token-lens';
import { COMMON_DETAILS, type Command, UsageError } from '../command';

/** "--tokenizer o200k --tokenizer llama3" or "--tokenizer o200k,llama3"; default all. */
function tokenizerOption(raw: string | boolean | (string | boolean)[] | undefined): TokenizerId[] {
  if (raw === undefined) return [...TOKENIZERS];
  const names = (Array.isArray(raw) ? raw : [raw]).flatMap((v) => String(v).split(',')).map((s) => s.trim());
  for (const n of names) {
    if (!(TOKENIZERS as readonly string[]).includes(n))
      throw new UsageError(`--tokenizer must be one of ${TOKENIZERS.join(', ')} (got "${n}")`);
  }
  return [...new Set(names as TokenizerId[])];
}

/** Shows spaces and line breaks inside a piece. */
const visible = (s: string) => s.replace(/ /g, '·').replace(/\n/g, '⏎').replace(/\t/g, '⇥');

export const tokensCommand: Command = {
  name: 'tokens',
  summary: "show how LLM tokenizers split words: GPT-4o's o200k, GPT-4's cl100k, Llama 3, Mistral",
  usage: `embedding-explorer tokens WORD... [--tokenizer ${TOKENIZERS.join('|')}] [--json]`,
  details: [
    '  WORD...          words to split, each encoded on its own exactly as typed (no leading space added;',
    '                   quote " walked" to see the in-sentence form)',
    `  --tokenizer T    ${TOKENIZERS.join(' | ')}; repeat or separate with commas (default: all)`,
    '  --json           print [{"word", "tokenizer", "tokens": [{"id", "text"}]}], one entry per word and tokenizer',
    ...COMMON_DETAILS.filter((l) => !l.includes('--json') && !l.includes('--db')),
  ],
  options: { json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' }, tokenizer: { type: 'string', multiple: true } },
  async run(positionals, values) {
    if (positionals.length === 0) throw new UsageError('give at least one word');
    const long = positionals.find((w) => w.length > MAX_WORD_LENGTH);
    if (long) throw new UsageError(`words may be at most ${MAX_WORD_LENGTH} characters ("${long.slice(0, 20)}…" is ${long.length})`);
    const ids = tokenizerOption(values.tokenizer);
    const result = await tokens({ words: positionals, tokenizers: ids });
    if (values.json) {
      process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
      return 0;
    }
    const width = Math.max(...ids.map((id) => TOKENIZER_LABELS[id].length));
    let last = '';
    for (const r of result) {
      if (r.word !== last) process.stdout.write(`${last ? '\n' : ''}${r.word}\n`);
      last = r.word;
      const n = r.tokens.length;
      process.stdout.write(
        `  ${TOKENIZER_LABELS[r.tokenizer].padEnd(width)}  ${String(n).padStart(2)} token${n === 1 ? ' ' : 's'}  ${r.tokens.map((t) => visible(t.text)).join(' + ')}   [${r.tokens.map((t) => t.id).join(', ')}]\n`,
      );
    }
    return 0;
  },
};
