import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ExplorerService } from '../../../main/core/service';
import { sharedDefaultDb } from '../../helpers/temp';
import { runCli } from '../../helpers/cli';

const ROOT = path.resolve(__dirname, '../../..');

function cli(...args: string[]) {
  return runCli([...args], { EMBEDDING_EXPLORER_DB: sharedDefaultDb() });
}

describe('embedding-explorer CLI', () => {
  it('prints neighbours as JSON, one object per query word', () => {
    const r = cli('neighbors', 'virtue', 'walked', '--json');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out).toHaveLength(2);
    expect(out[0]).toMatchObject({ model: 'glove-6b-100d', query: 'virtue' });
    expect(out[0].neighbors).toHaveLength(10);
    expect(Object.keys(out[0].neighbors[0]).sort()).toEqual(['similarity', 'word']);
    expect(out[0].neighbors.map((n: { word: string }) => n.word)).toContain('morality');
    expect(out[1].neighbors.map((n: { word: string }) => n.word)).toContain('walking');
    expect(out[0].neighbors[0].similarity).toBeCloseTo(0.648, 3);
  });

  it('prints a readable table by default and honours --k', () => {
    const r = cli('neighbors', 'virtue', '--k', '3');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^virtue \(glove-6b-100d\)\n\s+1\s+ideals\s+0\.6480\n/);
    expect(r.stdout.trim().split('\n')).toHaveLength(4);
  });

  it('reports an unknown word with exit code 1, on stderr and in JSON, without a stack trace', () => {
    const r = cli('neighbors', 'virtue', 'virtuue', '--json');
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/"virtuue" is not in glove-6b-100d\. Did you mean: .*virtue/);
    expect(r.stderr).not.toMatch(/\bat .*\.js:\d+/);
    const out = JSON.parse(r.stdout);
    expect(out[0].neighbors).toHaveLength(10);
    expect(out[1].error).toMatch(/not in glove-6b-100d/);
    expect(out[1].suggestions).toContain('virtue');
  });

  it.each([
    [['neighbors', 'virtue', '--k', '0'], /--k must be between 1 and 1000 \(got 0\)/],
    [['neighbors', 'virtue', '--k', '1000000'], /--k must be between 1 and 1000/],
    [['neighbors', 'virtue', '--k', 'ten'], /--k must be a whole number/],
    [['neighbors'], /give at least one word/],
    [['neighbors', 'virtue', '--bogus'], /Unknown option '--bogus'/],
    [['frobnicate'], /unknown command "frobnicate"/],
  ])('rejects bad usage %j with exit code 2 and a clear message', (args, message) => {
    const r = cli(...args);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
  });

  it('names the model when it does not exist', () => {
    const r = cli('neighbors', 'virtue', '--model', 'nope');
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/no model named "nope"/);
  });

  it('has help for the tool and for each command', () => {
    const top = cli('--help');
    expect(top.code).toBe(0);
    expect(top.stdout).toMatch(/Commands:[\s\S]*neighbors[\s\S]*models/);
    for (const command of ['neighbors', 'models', 'serve']) {
      const r = cli(command, '--help');
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(new RegExp(`Usage: embedding-explorer ${command}`));
    }
  });

  it('lists models as JSON', () => {
    const r = cli('models', '--json');
    expect(r.code).toBe(0);
    const models = JSON.parse(r.stdout);
    expect(models).toEqual(
      expect.arrayContaining([expect.objectContaining({ name: 'glove-6b-100d', words: 341479, dims: 100, active: true })]),
    );
  });

  it('explains a corrupt database file instead of crashing', () => {
    const r = spawnSync(
      process.execPath,
      [path.join(ROOT, 'bin/embedding-explorer.mjs'), 'models', '--db', path.join(ROOT, 'package.json')],
      { encoding: 'utf8' },
    );
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/not a valid Embedding Explorer database/);
  });

  it('gives the in-process answer word for word, with the scan split over two threads', async () => {
    // The CLI is a plain Node process, where the pre-scan's helper thread runs.
    const words = ['virtue', 'walked', 'king', 'the', 'zeta', 'paris', 'computer', 'running', 'quickly', 'language'];
    const r = cli('neighbors', ...words, '--k', '25', '--json');
    expect(r.code).toBe(0);
    const service = ExplorerService.open({ dbPath: sharedDefaultDb() });
    const reference = await service.neighbors({ words, k: 25 });
    service.close();
    const out = JSON.parse(r.stdout) as { neighbors: { word: string }[] }[];
    out.forEach((o, i) => expect(o.neighbors.map((n) => n.word)).toEqual(reference[i].neighbors!.map((n) => n.word)));
  });
});
