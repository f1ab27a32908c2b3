import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { AnalogiesEvaluation } from '../../common/contract/contract';
import { defaultModelFile, ExplorerService } from '../core/service';
import { runBaseline } from './baseline';

const round = (x: number, digits = 3) => Math.round(x * 10 ** digits) / 10 ** digits;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Section sizes of the public questions-words.txt (19,544 questions). */
const SHAPE = [506, 4524, 866, 2467, 506, 992, 812, 1332, 1122, 1056, 1599, 1560, 1332, 870];

/**
 * The analogy file to time: $EMBEDDING_EXPLORER_ANALOGIES, or gensim's copy of
 * questions-words.txt when installed, else a generated file of the same shape (sections and
 * question counts) from frequent words of the model.
 */
function analogyFile(words: string[], dir: string): { file: string; generated: boolean } {
  const candidates = [process.env.EMBEDDING_EXPLORER_ANALOGIES, '/usr/lib/python3/dist-packages/gensim/test/test_data/questions-words.txt'];
  const found = candidates.find((c): c is string => !!c && fs.existsSync(c));
  if (found) return { file: found, generated: false };
  let s = 42;
  const pick = () => words[(s = (s * 48271) % 2147483647) % 20000];
  const lines: string[] = [];
  SHAPE.forEach((n, i) => {
    lines.push(`: section-${i + 1}`);
    for (let q = 0; q < n; q++) lines.push(`${pick()} ${pick()} ${pick()} ${pick()}`);
  });
  const file = path.join(dir, 'questions-generated.txt');
  fs.writeFileSync(file, `${lines.join('\n')}\n`);
  return { file, generated: true };
}

/**
 * Issue 9: a full analogy evaluation against gensim's evaluate_word_analogies on the same file,
 * and the time of one expression query beside a plain neighbour query.
 */
export async function benchGeometry(root: string, dbPath: string): Promise<Record<string, unknown>> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ee-bench-geometry-'));
  const service = ExplorerService.open({ dbPath });
  try {
    const model = await service.model();
    // Expression and plain queries over the same 200 frequent words (after a warm-up).
    const base = model.words.slice(1000, 1200);
    const time = async (query: (i: number) => string, method: 'add' | 'mul' = 'add') => {
      const times: number[] = [];
      for (let rep = 0; rep < 2; rep++) {
        for (let i = 0; i < base.length; i++) {
          const t = performance.now();
          await service.neighbors({ words: [query(i)], k: 10, method });
          if (rep === 1) times.push(performance.now() - t);
        }
      }
      return round(median(times), 2);
    };
    const plainMs = await time((i) => base[i]);
    const expressionMs = await time((i) => `${base[i]} - ${base[(i + 1) % 200]} + ${base[(i + 2) % 200]}`);
    const cosmulMs = await time((i) => `${base[i]} - ${base[(i + 1) % 200]} + ${base[(i + 2) % 200]}`, 'mul');

    const { file, generated } = analogyFile(model.words, dir);
    const t = performance.now();
    const ours = (await service.evaluate({
      kind: 'analogies',
      fileName: path.basename(file),
      content: fs.readFileSync(file, 'utf8'),
    })) as AnalogiesEvaluation;
    const oursSeconds = (performance.now() - t) / 1000;
    const ref = runBaseline(root, ['evaluate', 'analogies', file, '--wink', defaultModelFile()], 3_600_000);
    const gensimSeconds = ref.ok ? Number(ref.value!.seconds) : null;
    const gensimAccuracy = ref.ok ? Number(ref.value!.accuracy) : null;
    return {
      plainNeighbourQueryMedianMs: plainMs,
      expressionQueryMedianMs: expressionMs,
      cosmulQueryMedianMs: cosmulMs,
      analogyFile: generated ? `generated, same shape as questions-words.txt (${ours.questions.toLocaleString('en-US')} questions)` : file,
      analogyQuestions: ours.questions,
      analogySkipped: ours.skipped,
      oursSeconds: round(oursSeconds, 2),
      oursAccuracy: round(ours.accuracy, 6),
      gensimSeconds: gensimSeconds === null ? null : round(gensimSeconds, 2),
      gensimAccuracy: gensimAccuracy === null ? null : round(gensimAccuracy, 6),
      accuracyDifference: gensimAccuracy === null ? null : round(Math.abs(ours.accuracy - gensimAccuracy), 6),
      ratioToGensim: gensimSeconds ? round(oursSeconds / gensimSeconds) : null,
      ...(ref.ok ? {} : { baselineNote: ref.note }),
    };
  } finally {
    service.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
