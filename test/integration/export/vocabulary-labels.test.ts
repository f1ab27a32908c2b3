/**
 * A projection of a labelled vocabulary exports its labels (CSV, Projector metadata) and gives
 * composed entries ("new york") their own vector in the Projector pair.
 */
import { parse as parseCsv } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportProjectionText } from '../../../main/core/export/exporter';
import { ExplorerService } from '../../../main/core/service';
import { copyOfDefaultDb } from '../../helpers/temp';

describe('exports of a vocabulary projection', () => {
  let service: ExplorerService;
  let id = 0;
  const entries = [
    ['cat', 'animal'],
    ['dog', 'animal'],
    ['horse', 'animal'],
    ['paris', 'city'],
    ['london', 'city'],
    ['new york', 'city'],
  ];

  beforeAll(async () => {
    service = ExplorerService.open({ dbPath: copyOfDefaultDb() });
    const vocab = await service.saveVocabulary({
      fileName: 'things.csv',
      content: `word,label\n${entries.map((e) => e.join(',')).join('\n')}\n`,
    });
    const saved = service.getVocabulary({ id: vocab.id })!;
    const words = saved.entries.filter((e) => e.found).map((e) => e.entry);
    expect(words).toEqual(entries.map((e) => e[0]));
    const coords = Float32Array.from({ length: words.length * 3 }, (_, i) => (i % 7) - 3);
    const summary = await service.saveProjection({
      view: { kind: 'vocabulary', vocabularyId: vocab.id },
      params: { nNeighbors: 5, minDist: 0.1, nEpochs: 50, seed: 1 },
      words,
      coords,
    });
    id = summary.id;
  });
  afterAll(() => service?.close());

  it("CSV carries each entry's label and similarity to the query", async () => {
    const [file] = await exportProjectionText(service, { id, format: 'csv', query: 'dog' });
    const rows = parseCsv(file.content, { columns: true }) as Record<string, string>[];
    expect(rows.map((r) => [r.word, r.label])).toEqual(entries);
    expect(Number(rows[1].similarity)).toBeCloseTo(1, 5);
    expect(Number(rows[0].similarity)).toBeGreaterThan(Number(rows[3].similarity));
    // The composed entry has a vector (the mean of its words), so it has a similarity too.
    expect(rows[5].similarity).not.toBe('');
  });

  it('the Projector pair labels every row and gives the composed entry its own vector', async () => {
    const [vectors, meta] = await exportProjectionText(service, { id, format: 'tsv' });
    // The first two columns; cluster columns follow (test/integration/cluster).
    const metaRows = meta.content
      .trimEnd()
      .split('\n')
      .map((l) => l.split('\t').slice(0, 2).join('\t'));
    expect(metaRows).toEqual(['word\tlabel', ...entries.map((e) => e.join('\t'))]);
    const rows = vectors.content
      .trimEnd()
      .split('\n')
      .map((l) => l.split('\t').map(Number));
    expect(rows).toHaveLength(entries.length);
    expect(rows.every((r) => r.length === 100)).toBe(true);
    expect(Math.hypot(...rows[5])).toBeGreaterThan(0.5);
  });
});
