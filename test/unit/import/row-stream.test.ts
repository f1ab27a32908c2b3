import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { type ParseEvent, streamRows } from '../../../main/core/import/row-stream';
import { tempDir } from '../../helpers/temp';

const dir = tempDir();

async function collect(file: string, here: boolean): Promise<ParseEvent[]> {
  const stream = streamRows({ file, shown: path.basename(file), format: 'glove-text', header: false, wordless: false }, { here });
  const out: ParseEvent[] = [];
  for await (const e of stream.events) {
    out.push(e.type === 'rows' ? { ...e, batch: { ...e.batch, values: e.batch.values.slice() } } : e);
    if (e.type === 'rows') stream.recycle(e.batch.values.buffer as ArrayBuffer);
  }
  return out;
}

describe('row stream', () => {
  const lines = Array.from({ length: 5000 }, (_, i) => `w${i} ${i / 7} -${i % 13}.25 1e-3`);

  it('hands over every row in order, in batches, the same from a worker thread and from this one', async () => {
    const file = path.join(dir, 'ok.txt');
    fs.writeFileSync(file, `${lines.join('\n')}\n`);
    for (const here of [false, true]) {
      const events = await collect(file, here);
      expect(events.at(-1)).toEqual({ type: 'end' });
      const batches = events.filter((e) => e.type === 'rows').map((e) => (e as Extract<ParseEvent, { type: 'rows' }>).batch);
      expect(batches.length).toBeGreaterThan(1);
      const words = batches.flatMap((b) => b.words);
      expect(words).toEqual(lines.map((l) => l.split(' ')[0]));
      const values = batches.flatMap((b) => Array.from(b.values));
      expect(values.slice(3 * 4999, 3 * 5000)).toEqual([4999 / 7, -(4999 % 13) - 0.25, 1e-3]);
      expect(batches[0].wheres[1]).toBe('line 2');
    }
  });

  it('reports a bad row after the rows before it, with the same message either way', async () => {
    const file = path.join(dir, 'bad.txt');
    const bad = [...lines.slice(0, 3000), 'oops 1 2', ...lines.slice(3000)];
    fs.writeFileSync(file, `${bad.join('\n')}\n`);
    const [a, b] = [await collect(file, false), await collect(file, true)];
    for (const events of [a, b]) {
      const rows = events
        .filter((e) => e.type === 'rows')
        .reduce((n, e) => n + (e as Extract<ParseEvent, { type: 'rows' }>).batch.words.length, 0);
      expect(rows).toBe(3000);
      const last = events.at(-1)!;
      expect(last.type).toBe('error');
      expect((last as Extract<ParseEvent, { type: 'error' }>).error.message).toMatch(
        /bad\.txt, line 3001: "oops" has 2 values, expected 3/,
      );
    }
    expect(a.at(-1)).toEqual(b.at(-1));
  });
});
