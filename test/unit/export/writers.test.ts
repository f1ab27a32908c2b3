import { parse as parseCsv } from 'csv-parse/sync';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { collectText } from '../../../main/core/export/chunks';
import { neighboursCsv, projectionCsv } from '../../../main/core/export/csv-writer';
import { prepareExport } from '../../../main/core/export/export-data';
import { projectionJson } from '../../../main/core/export/json-writer';
import { neighboursMarkdown } from '../../../main/core/export/markdown-writer';
import { projectorMetadata, projectorVectors } from '../../../main/core/export/projector-writer';
import { projectionSvg } from '../../../main/core/export/svg-writer';
import { smallModel, smallProjection, TRICKY } from './fixtures';

const model = smallModel();
const projection = smallProjection(model);
const queryRow = 20;

async function data(withQuery = true) {
  return prepareExport({
    projection,
    model,
    labels: projection.words.map((_, i) => (i % 3 === 0 ? 'even, "third"' : i % 3 === 1 ? 'one' : '')),
    query: withQuery ? { text: model.words[queryRow], matched: model.words[queryRow], modelIndex: queryRow } : undefined,
    appVersion: '9.9.9',
    source: 'test',
  });
}

describe('projection CSV', () => {
  it('parses back (RFC 4180) to the stored words, float32 coordinates and similarities', async () => {
    const d = await data();
    const text = await collectText(projectionCsv(d));
    expect(text.endsWith('\r\n')).toBe(true);
    const rows = parseCsv(text, { columns: true, relax_quotes: false }) as Record<string, string>[];
    expect(rows).toHaveLength(projection.pointCount);
    expect(Object.keys(rows[0])).toEqual(['word', 'x', 'y', 'z', 'label', 'in_view', 'is_query', 'similarity', 'placed']);
    expect(rows.every((r) => r.placed === '0')).toBe(true);
    rows.forEach((r, i) => {
      expect(r.word).toBe(projection.words[i]);
      expect(Math.fround(Number(r.x))).toBe(projection.coords[3 * i]);
      expect(Math.fround(Number(r.y))).toBe(projection.coords[3 * i + 1]);
      expect(Math.fround(Number(r.z))).toBe(projection.coords[3 * i + 2]);
      expect(r.label).toBe(d.labels[i]);
      expect(r.in_view).toBe('1'); // the default camera frames every point
      expect(r.is_query).toBe(i === queryRow ? '1' : '0');
      let dot = 0;
      for (let j = 0; j < model.dims; j++) dot += model.row(i)[j] * model.row(queryRow)[j];
      expect(Number(r.similarity)).toBeCloseTo(dot, 5);
    });
    expect(rows.slice(0, TRICKY.length).map((r) => r.word)).toEqual(TRICKY);
  });

  it('leaves similarity empty without a query', async () => {
    const rows = parseCsv(await collectText(projectionCsv(await data(false))), { columns: true }) as Record<string, string>[];
    expect(rows.every((r) => r.similarity === '' && r.is_query === '0')).toBe(true);
  });
});

describe('projection JSON', () => {
  it('holds every point and the provenance needed to recompute the layout', async () => {
    const d = await data();
    const json = JSON.parse(await collectText(projectionJson(d)));
    expect(json.format).toBe('embedding-explorer/projection');
    expect(json.provenance).toMatchObject({
      appVersion: '9.9.9',
      model: { name: 'tiny', dims: 8 },
      umap: projection.params,
      seed: 42,
      projection: { id: 7, view: projection.view },
      query: { matched: model.words[queryRow] },
    });
    expect(Date.parse(json.provenance.exportedAt)).not.toBeNaN();
    expect(json.words).toEqual(projection.words);
    expect(json.points).toHaveLength(projection.pointCount);
    json.points.forEach((p: { word: string; x: number; y: number; z: number; isQuery: boolean }, i: number) => {
      expect(p.word).toBe(projection.words[i]);
      expect([Math.fround(p.x), Math.fround(p.y), Math.fround(p.z)]).toEqual(Array.from(projection.coords.subarray(3 * i, 3 * i + 3)));
      expect(p.isQuery).toBe(i === queryRow);
    });
  });
});

describe('TensorFlow Projector pair', () => {
  it('has one vector row per metadata row, original vectors = unit × norm', async () => {
    const d = await data();
    const vectors = (await collectText(projectorVectors(d, model, d.rows, 'original'))).split('\n').filter(Boolean);
    const meta = (await collectText(projectorMetadata(d))).split('\n').filter(Boolean);
    expect(meta[0]).toBe('word\tlabel');
    expect(meta.length - 1).toBe(vectors.length);
    expect(vectors).toHaveLength(projection.pointCount);
    vectors.forEach((line, i) => {
      const values = line.split('\t').map(Number);
      expect(values).toHaveLength(model.dims);
      values.forEach((v, j) => expect(v).toBeCloseTo(model.row(i)[j] * model.norms[i], 4));
      const [word, label] = meta[i + 1].split('\t');
      expect(word).toBe(projection.words[i].replace(/\t/g, ' '));
      expect(label).toBe(d.labels[i]);
    });
    const unit = (await collectText(projectorVectors(d, model, d.rows, 'unit'))).split('\n')[5].split('\t').map(Number);
    unit.forEach((v, j) => expect(v).toBeCloseTo(model.row(5)[j], 5));
  });
});

describe('SVG of a camera view', () => {
  it('is valid XML with one circle per point, the query label as text, legend and caption', async () => {
    const d = await data();
    const svg = await collectText(projectionSvg(d));
    expect(XMLValidator.validate(svg)).toBe(true);
    const doc = new XMLParser({ ignoreAttributes: false, isArray: (name) => ['circle', 'text', 'g'].includes(name) }).parse(svg);
    const groups = doc.svg.g as { '@_id': string; circle?: unknown[]; text?: (string | { '#text': string })[] }[];
    const points = groups.find((g) => g['@_id'] === 'points')!;
    expect(points.circle).toHaveLength(projection.pointCount);
    const labels = groups.find((g) => g['@_id'] === 'labels')!.text!.map((t) => (typeof t === 'string' ? t : t['#text']));
    expect(labels).toContain(model.words[queryRow]);
    expect(groups.find((g) => g['@_id'] === 'legend')).toBeDefined();
    expect(svg).toContain(`query: ${model.words[queryRow]}`);
  });

  it('escapes markup in words and drops characters XML forbids', async () => {
    const p = smallProjection(model, 10);
    p.words = [...p.words.slice(0, 9), 'bell\u0007'];
    const d = await prepareExport({ projection: p, model, labels: [], appVersion: '1', source: 't' });
    const svg = await collectText(projectionSvg(d, { transparent: true }));
    expect(XMLValidator.validate(svg)).toBe(true);
    expect(svg).not.toContain('<rect');
    expect(svg).toContain('&lt;tag&gt;&amp;amp;');
  });
});

describe('neighbour tables', () => {
  const neighbours = [
    { word: 'morality', similarity: 0.812345, rank: 3 },
    { word: 'a|b, "c"', similarity: 0.5, rank: 9 },
  ];
  it('CSV has rank, word and similarity to 4 decimals', () => {
    const rows = parseCsv(neighboursCsv(neighbours), { columns: true });
    expect(rows).toEqual([
      { rank: '1', word: 'morality', similarity: '0.8123' },
      { rank: '2', word: 'a|b, "c"', similarity: '0.5000' },
    ]);
  });
  it('Markdown is a table with escaped cells', () => {
    const md = neighboursMarkdown('virtue', 'glove', neighbours);
    const lines = md.trim().split('\n');
    expect(lines[2]).toBe('| Rank | Word | Similarity |');
    expect(lines[4]).toBe('| 1 | morality | 0.8123 |');
    expect(lines[5]).toBe('| 2 | a\\|b, "c" | 0.5000 |');
  });
});
