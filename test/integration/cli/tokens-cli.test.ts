import * as o200k from 'gpt-tokenizer/encoding/o200k_base';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../helpers/cli';

function cli(...args: string[]) {
  return runCli(['tokens', ...args]);
}

describe('embedding-explorer tokens', () => {
  it('prints [{word, tokenizer, tokens: [{id, text}]}] for each word and tokenizer, each word as typed', () => {
    const r = cli('walked', ' walked', '--tokenizer', 'o200k', '--tokenizer', 'llama3', '--json');
    expect(r.code, r.stderr).toBe(0);
    const doc = JSON.parse(r.stdout) as { word: string; tokenizer: string; tokens: { id: number; text: string }[] }[];
    expect(doc.map((d) => [d.word, d.tokenizer])).toEqual([
      ['walked', 'o200k'],
      ['walked', 'llama3'],
      [' walked', 'o200k'],
      [' walked', 'llama3'],
    ]);
    expect(Object.keys(doc[0])).toEqual(['word', 'tokenizer', 'tokens']);
    expect(doc[0].tokens).toEqual(o200k.encode('walked').map((id) => ({ id, text: o200k.decode([id]) })));
    expect(doc[0].tokens.map((t) => t.text)).toEqual(['walk', 'ed']);
    expect(doc[2].tokens.map((t) => t.text)).toEqual([' walked']);
  });

  it('defaults to every tokenizer and prints a readable table', () => {
    const r = cli('walked', '--tokenizer', 'o200k,cl100k,llama3,mistral');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/GPT-4o \(o200k\)\s+2 tokens\s+walk \+ ed/);
    expect(cli('walked').stdout).toMatch(/Mistral 7B/);
  });

  it('refuses an unknown tokenizer or no word with usage errors (exit 2)', () => {
    const bad = cli('walked', '--tokenizer', 'gpt9');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--tokenizer must be one of o200k, cl100k, llama3, mistral \(got "gpt9"\)/);
    expect(cli().code).toBe(2);
  });
});
