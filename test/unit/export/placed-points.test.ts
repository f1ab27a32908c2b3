import { parse as parseCsv } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import type { ExportProjectionRequest } from '../../../common/contract/contract';
import { validators } from '../../../common/contract/validate';
import { collectText } from '../../../main/core/export/chunks';
import { projectionCsv } from '../../../main/core/export/csv-writer';
import { prepareExport } from '../../../main/core/export/export-data';
import { projectionHtml } from '../../../main/core/export/html-writer';
import { projectionJson } from '../../../main/core/export/json-writer';
import { withPlacedPoints } from '../../../main/core/export/placed-points';
import { projectorMetadata } from '../../../main/core/export/projector-writer';
import { projectionSvg } from '../../../main/core/export/svg-writer';
import { smallModel, smallProjection } from './fixtures';

const model = smallModel();
const saved = smallProjection(model, 50);
// Two words from outside the projection, one it already holds, and a repeat.
const extra = { words: ['w150', 'w60', 'w150', model.words[10]], coords: new Float32Array([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]) };

async function data() {
  const { projection, placed } = withPlacedPoints(saved, extra);
  return prepareExport({
    projection,
    model,
    labels: [],
    placed,
    appVersion: '1',
    source: 't',
    query: { text: 'w150', matched: 'w150', modelIndex: 150 },
  });
}

describe('placed points in exports', () => {
  it('appends each new word once, after the saved points, with its coordinates', () => {
    const { projection, placed } = withPlacedPoints(saved, extra);
    expect(projection.words).toEqual([...saved.words, 'w150', 'w60']);
    expect(projection.pointCount).toBe(52);
    expect(Array.from(projection.coords.subarray(150, 156))).toEqual([1, 2, 3, 4, 5, 6]);
    expect(Array.from(projection.coords.subarray(0, 150))).toEqual(Array.from(saved.coords));
    expect(Array.from(placed)).toEqual([...new Array(50).fill(0), 1, 1]);
    // The saved projection itself is untouched.
    expect(saved.words).toHaveLength(50);
  });

  it('flags them in the CSV, the JSON and the Projector metadata, and can be the query', async () => {
    const d = await data();
    const rows = parseCsv(await collectText(projectionCsv(d)), { columns: true }) as Record<string, string>[];
    expect(rows).toHaveLength(52);
    expect(rows.filter((r) => r.placed === '1').map((r) => r.word)).toEqual(['w150', 'w60']);
    expect(rows.find((r) => r.word === 'w150')?.is_query).toBe('1');
    const json = JSON.parse(await collectText(projectionJson(d)));
    expect(json.points.filter((p: { placed: boolean }) => p.placed).map((p: { word: string }) => p.word)).toEqual(['w150', 'w60']);
    const meta = (await collectText(projectorMetadata(d))).trimEnd().split('\n');
    expect(meta[0]).toBe('word\tlabel\tplaced');
    expect(meta[51]).toBe('w150\t\tyes');
    expect(meta[1].endsWith('\tno')).toBe(true);
    const html = await collectText(projectionHtml(d, {}));
    const viewerData = JSON.parse(html.match(/<script id="ee-data" type="application\/json">([\s\S]*?)<\/script>/)![1]);
    expect(viewerData.meta.placed).toEqual([50, 51]);
    const svg = await collectText(projectionSvg(d, {}));
    expect([...svg.matchAll(/<circle [^>]*data-word="([^"]+)"[^>]*data-placed="1"/g)].map((m) => m[1]).sort()).toEqual(['w150', 'w60']);
  });

  it('rejects coordinates that do not match the words', () => {
    expect(() => withPlacedPoints(saved, { words: ['w150'], coords: new Float32Array(2) })).toThrow(/3 coordinates/);
  });

  it('are validated at the boundary: a Float32Array of three finite numbers per word', () => {
    const ok = validators.exportProjection({
      id: 1,
      format: 'csv',
      placed: { words: ['a'], coords: new Float32Array([1, 2, 3]) },
    }) as ExportProjectionRequest;
    expect(ok.placed?.words).toEqual(['a']);
    expect(() => validators.exportProjection({ id: 1, format: 'csv', placed: { words: ['a'], coords: [1, 2, 3] } })).toThrow(
      /Float32Array/,
    );
    expect(() =>
      validators.exportProjection({ id: 1, format: 'csv', placed: { words: ['a'], coords: new Float32Array([1, NaN, 3]) } }),
    ).toThrow(/placed\.coords\[1\].*"a"/);
    expect(() => validators.exportProjection({ id: 1, format: 'csv', placed: { words: [''], coords: new Float32Array(3) } })).toThrow(
      /placed\.words\[0\]/,
    );
    expect(() =>
      validators.exportProjection({ id: 1, format: 'csv', placed: { words: ['a'], coords: new Float32Array(3), extra: 1 } }),
    ).toThrow(/unknown field "extra"/);
  });
});
