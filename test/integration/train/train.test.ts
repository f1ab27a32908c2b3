import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { ExplorerService } from '../../../main/core/service';
import { findModelRow } from '../../../main/core/store/models-repo';
import { readModel } from '../../../main/core/store/vector-blocks';
import { tempDir } from '../../helpers/temp';
import { phraseCorpus, plantedCorpus, TOPIC_A, TOPIC_B, writeFile } from './corpora';

const dir = tempDir('ee-train-');
const planted = writeFile(dir, 'planted.txt', plantedCorpus(6000));
const small = { dims: 24, epochs: 5, minCount: 1, threads: 1, seed: 7 };

function open(name: string): ExplorerService {
  return ExplorerService.open({ dbPath: path.join(dir, `${name}.db`) });
}

describe('training word vectors', () => {
  it('puts every word of a planted topic among its own topic (skip-gram and CBOW)', async () => {
    const service = open('planted');
    try {
      for (const cbow of [false, true]) {
        const name = cbow ? 'planted-cbow' : 'planted-sg';
        const result = await service.trainModel({ paths: [planted], name, ...small, cbow });
        expect(result).toMatchObject({ model: name, words: 60, dims: 24 });
        expect(result.corpus).toMatchObject({ files: 1, sentences: 6000, distinct: 60, kept: 60 });
        expect(result.loss).toHaveLength(5);
        expect(result.loss[4]).toBeLessThan(result.loss[0]);
        const answers = await service.neighbors({ words: [...TOPIC_A, ...TOPIC_B], k: 5, model: name });
        for (const a of answers) {
          const own = TOPIC_A.includes(a.query) ? TOPIC_A : TOPIC_B;
          expect(
            a.neighbors!.map((n) => n.word).filter((w) => !own.includes(w)),
            `${name}: ${a.query}`,
          ).toEqual([]);
        }
      }
    } finally {
      service.close();
    }
  });

  it('is bit-for-bit reproducible with one thread and a seed, and another seed gives other vectors', async () => {
    const service = open('repro');
    try {
      await service.trainModel({ paths: [planted], name: 'r1', ...small });
      await service.trainModel({ paths: [planted], name: 'r2', ...small });
      await service.trainModel({ paths: [planted], name: 'r3', ...small, seed: 8 });
      const [a, b, c] = ['r1', 'r2', 'r3'].map((n) => readModel(service.db, n));
      expect(b.words).toEqual(a.words);
      expect(Buffer.from(b.vectors.buffer).equals(Buffer.from(a.vectors.buffer))).toBe(true);
      expect(Buffer.from(b.norms.buffer).equals(Buffer.from(a.norms.buffer))).toBe(true);
      expect(Buffer.from(c.vectors.buffer).equals(Buffer.from(a.vectors.buffer))).toBe(false);
    } finally {
      service.close();
    }
  });

  it('trains with several threads and stores parameters and corpus counts as provenance', async () => {
    const service = open('threads');
    try {
      const r = await service.trainModel({ paths: [planted], name: 'two', ...small, threads: 2 });
      expect(r.params).toMatchObject({ threads: 2, window: 5, negative: 5, sample: 1e-3, alpha: 0.025, minAlpha: 0.0001 });
      const row = findModelRow(service.db, 'two')!;
      expect(row.format).toBe('trained-skipgram');
      expect(row.source).toBe('trained on planted.txt');
      const meta = JSON.parse(row.meta);
      expect(meta.training.params.dims).toBe(24);
      expect(meta.training.corpus.tokens).toBe(r.tokens);
      const model = await service.model('two');
      expect(model.size).toBe(60);
    } finally {
      service.close();
    }
  });

  it('splits any corpus among threads so each sentence is trained once per epoch, even with more threads than sentences', async () => {
    const tiny = writeFile(dir, 'tiny.txt', plantedCorpus(5, 9));
    const service = open('tiny');
    try {
      for (const threads of [3, 8]) {
        const r = await service.trainModel({ paths: [tiny, planted], name: `t${threads}`, ...small, threads });
        expect(r.params.threads).toBe(threads);
      }
      const r = await service.trainModel({ paths: [tiny], name: 'tiny-8', ...small, threads: 8 });
      expect(r.corpus.sentences).toBe(5);
    } finally {
      service.close();
    }
  });

  it('reads folders of .txt, .md and .gz files, and counts before training', async () => {
    const folder = path.join(dir, 'notes');
    writeFile(folder, 'a.txt', 'The cat sat on the mat.\nThe dog sat on the log.\n');
    writeFile(folder, 'sub/b.md.gz', zlib.gzipSync(Buffer.from("# Notes\n\nState-of-the-art cats don't sit.\n")));
    writeFile(folder, 'image.png', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 1, 2]));
    const service = open('scan');
    try {
      const s = await service.scanCorpus({ paths: [folder], minCount: 2 });
      expect(s.files).toBe(2);
      expect(s.sources).toEqual([path.join('notes', 'a.txt'), path.join('notes', 'sub', 'b.md.gz')]);
      expect(s.sentences).toBe(4);
      expect(s.tokens).toBe(17);
      expect(s.top[0]).toEqual({ word: 'the', count: 4 });
      expect(s.top.map((t) => t.word)).toContain('state-of-the-art');
      expect(s.kept).toBe(3); // the, sat, on
      expect(s.warnings.join(' ')).toMatch(/Only 3 words/);
    } finally {
      service.close();
    }
  });

  it('joins frequent pairs into phrases when asked', async () => {
    const file = writeFile(dir, 'phrases.txt', phraseCorpus(5000, 60));
    const service = open('phrases');
    try {
      const off = await service.scanCorpus({ paths: [file] });
      expect(off.phrases).toBe(0);
      const on = await service.scanCorpus({ paths: [file], phrases: true });
      expect(on.phrases).toBe(1);
      expect(on.tokens).toBe(off.tokens - 60);
      expect(on.distinct).toBe(off.distinct + 1 - 2);
    } finally {
      service.close();
    }
  });
});

describe('bad corpora', () => {
  it('an empty file is a clear error naming it', async () => {
    const file = writeFile(dir, 'empty.txt', '');
    const service = open('bad');
    try {
      await expect(service.trainModel({ paths: [file], name: 'x' })).rejects.toMatchObject({
        code: 'empty-corpus',
        message: expect.stringContaining('empty.txt is empty'),
      });
      expect(findModelRow(service.db, 'x')).toBeUndefined();
    } finally {
      service.close();
    }
  });

  it('a binary file is a clear error naming it', async () => {
    const bytes = Buffer.alloc(20000);
    for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 7919) % 256;
    const file = writeFile(dir, 'photo.txt', bytes);
    const service = open('bad');
    try {
      await expect(service.scanCorpus({ paths: [file] })).rejects.toMatchObject({
        code: 'bad-file',
        message: expect.stringMatching(/^photo\.txt is not a text file/),
      });
    } finally {
      service.close();
    }
  });

  it('a file of one repeated word gets a warning when counted and a clear error when trained', async () => {
    const file = writeFile(dir, 'same.txt', 'buffalo '.repeat(5000));
    const service = open('bad');
    try {
      const s = await service.scanCorpus({ paths: [file] });
      expect(s.kept).toBe(1);
      expect(s.warnings[0]).toMatch(/Only one word \("buffalo"\)/);
      await expect(service.trainModel({ paths: [file], name: 'same' })).rejects.toMatchObject({
        code: 'corpus-too-small',
        message: expect.stringContaining('only "buffalo"'),
      });
      expect(findModelRow(service.db, 'same')).toBeUndefined();
    } finally {
      service.close();
    }
  });

  it('cancel stops training and leaves no model behind', async () => {
    const big = writeFile(dir, 'big.txt', plantedCorpus(60000, 3));
    const service = open('cancel');
    try {
      const run = service.trainModel({ paths: [big], name: 'cancelled', dims: 50, epochs: 200, minCount: 1, threads: 1 });
      const seen = new Promise<void>((resolve) => {
        service.jobs.on('job', (j) => {
          if (j.kind === 'train' && j.state === 'running' && j.phase.startsWith('Training')) {
            service.cancelJob({ id: j.id });
            resolve();
          }
        });
      });
      await seen;
      await expect(run).rejects.toMatchObject({ code: 'cancelled' });
      expect(findModelRow(service.db, 'cancelled')).toBeUndefined();
      expect(service.status().models).toEqual([]);
      expect(service.jobs.list().find((j) => j.kind === 'train')?.state).toBe('cancelled');
    } finally {
      service.close();
    }
  });
});

describe('files are read, never held', () => {
  it('a line longer than the cut-off is split, not refused', async () => {
    const file = writeFile(dir, 'long.txt', 'word '.repeat(400_000));
    const service = open('long');
    try {
      const s = await service.scanCorpus({ paths: [file], minCount: 1 });
      expect(s.tokens).toBe(400_000);
      expect(s.sentences).toBeGreaterThanOrEqual(2);
      expect(fs.existsSync(file)).toBe(true);
    } finally {
      service.close();
    }
  });
});
