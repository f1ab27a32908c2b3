/**
 * Exports through the real CLI on a private copy of the default-model store: every format is
 * read back and compared with the stored projection; the JSON's provenance reproduces the
 * layout through `project` with the same seed; unwritable targets fail cleanly.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { beforeAll, describe, expect, it } from 'vitest';
import { copyOfDefaultDb, tempDir } from '../../helpers/temp';
import { runCli } from '../../helpers/cli';

describe('embedding-explorer export', () => {
  const dir = tempDir('ee-export-');
  let db: string;
  const cli = (...args: string[]) => {
    return runCli([...args, '--db', db]);
  };
  let stored: { id: number; params: { seed: number }; points: { word: string; x: number; y: number; z: number }[] };

  beforeAll(() => {
    db = copyOfDefaultDb();
    // A word list from real neighbourhoods, so the layout has structure and the query is in it.
    const seeds = cli('neighbors', 'virtue', 'walked', 'king', 'paris', '--k', '50', '--json');
    expect(seeds.code, seeds.stderr).toBe(0);
    const words = new Set<string>(['virtue', 'walked', 'king', 'paris']);
    for (const r of JSON.parse(seeds.stdout)) for (const n of r.neighbors) words.add(n.word);
    fs.writeFileSync(path.join(dir, 'words.txt'), [...words].join('\n'));
    const p = cli('project', '--words', path.join(dir, 'words.txt'), '--seed', '7', '--epochs', '60', '--json');
    expect(p.code, p.stderr).toBe(0);
    stored = JSON.parse(p.stdout);
  });

  it('CSV parses back with one row per point and the stored coordinates', () => {
    const out = path.join(dir, 'p.csv');
    const r = cli('export', 'latest', '--format', 'csv', '--out', out, '--query', 'virtue');
    expect(r.code, r.stderr).toBe(0);
    const rows = parseCsv(fs.readFileSync(out, 'utf8'), { columns: true }) as Record<string, string>[];
    expect(rows).toHaveLength(stored.points.length);
    rows.forEach((row, i) => {
      const p = stored.points[i];
      expect(row.word).toBe(p.word);
      expect([Math.fround(Number(row.x)), Math.fround(Number(row.y)), Math.fround(Number(row.z))]).toEqual([p.x, p.y, p.z]);
      expect(row.is_query).toBe(p.word === 'virtue' ? '1' : '0');
    });
    const q = rows.find((row) => row.word === 'virtue')!;
    expect(Number(q.similarity)).toBeCloseTo(1, 5);
    expect(Number(rows.find((row) => row.word === 'morality')?.similarity ?? 'NaN')).toBeGreaterThan(0.5);
  });

  it('the Projector pair has matching line counts and 100-d original vectors', () => {
    const folder = path.join(dir, 'projector');
    fs.mkdirSync(folder);
    const r = cli('export', String(stored.id), '--format', 'tsv', '--out', folder);
    expect(r.code, r.stderr).toBe(0);
    const vectors = fs.readFileSync(path.join(folder, 'vectors.tsv'), 'utf8').trimEnd().split('\n');
    const meta = fs.readFileSync(path.join(folder, 'metadata.tsv'), 'utf8').trimEnd().split('\n');
    // Cluster columns follow word and label (docs/clusters.md).
    expect(meta[0]).toBe('word\tlabel\tcluster\tcluster_name');
    expect(vectors).toHaveLength(stored.points.length);
    expect(meta.length - 1).toBe(vectors.length);
    expect(meta.slice(1).map((l) => l.split('\t')[0])).toEqual(stored.points.map((p) => p.word));
    for (const line of vectors) expect(line.split('\t').map(Number).every(Number.isFinite) && line.split('\t').length === 100).toBe(true);
    // Original vectors: not unit length (GloVe norms are several units).
    const v = vectors[0].split('\t').map(Number);
    expect(Math.hypot(...v)).toBeGreaterThan(2);
    // A file path instead of a folder puts the metadata beside it.
    const r2 = cli('export', 'latest', '--format', 'tsv', '--out', path.join(dir, 'glove.tsv'));
    expect(r2.code, r2.stderr).toBe(0);
    expect(fs.readFileSync(path.join(dir, 'glove-metadata.tsv'), 'utf8').split('\n')[0]).toBe('word\tlabel\tcluster\tcluster_name');
  });

  it('the JSON carries provenance that reproduces the layout through the CLI with the same seed', () => {
    const out = path.join(dir, 'p.json');
    expect(cli('export', 'latest', '--out', out).code).toBe(0);
    const json = JSON.parse(fs.readFileSync(out, 'utf8'));
    expect(json.points).toHaveLength(stored.points.length);
    expect(json.provenance.model.name).toBe('glove-6b-100d');
    expect(json.provenance.seed).toBe(7);
    expect(json.provenance.projection.view.kind).toBe('words');
    const { umap, projection } = json.provenance;
    fs.writeFileSync(path.join(dir, 'again.txt'), projection.view.words.join('\n'));
    const again = cli(
      'project',
      '--words',
      path.join(dir, 'again.txt'),
      '--seed',
      String(umap.seed),
      '--neighbors',
      String(umap.nNeighbors),
      '--min-dist',
      String(umap.minDist),
      '--epochs',
      String(umap.nEpochs),
      '--json',
    );
    expect(again.code, again.stderr).toBe(0);
    const redo = JSON.parse(again.stdout).points as { word: string; x: number; y: number; z: number }[];
    expect(redo.map((p) => p.word)).toEqual(json.points.map((p: { word: string }) => p.word));
    redo.forEach((p, i) => expect([p.x, p.y, p.z]).toEqual([json.points[i].x, json.points[i].y, json.points[i].z].map(Math.fround)));
  });

  it('the SVG is valid XML with one circle per point and the query as text', () => {
    const out = path.join(dir, 'p.svg');
    const r = cli('export', 'latest', '--format', 'svg', '--out', out, '--query', 'virtue', '--theme', 'light');
    expect(r.code, r.stderr).toBe(0);
    const svg = fs.readFileSync(out, 'utf8');
    expect(XMLValidator.validate(svg)).toBe(true);
    const doc = new XMLParser({ ignoreAttributes: false, isArray: (n) => ['circle', 'text', 'g'].includes(n) }).parse(svg);
    const groups = doc.svg.g as { '@_id': string; circle?: unknown[]; text?: ({ '#text': string } | string)[] }[];
    expect(groups.find((g) => g['@_id'] === 'points')!.circle).toHaveLength(stored.points.length);
    const texts = groups.find((g) => g['@_id'] === 'labels')!.text!.map((t) => (typeof t === 'string' ? t : t['#text']));
    expect(texts).toContain('virtue');
  });

  it('the HTML is one self-contained file', () => {
    const out = path.join(dir, 'p.html');
    expect(cli('export', 'latest', '--format', 'html', '--out', out, '--query', 'virtue').code).toBe(0);
    const html = fs.readFileSync(out, 'utf8');
    expect(html).toContain('<script id="ee-data" type="application/json">');
    expect(html).not.toMatch(/<script[^>]+src=|<link[^>]+href=/);
  });

  it('a folder as --out, or a missing folder, is a clear error that writes nothing', () => {
    const folder = path.join(dir, 'taken');
    fs.mkdirSync(folder);
    const r = cli('export', 'latest', '--format', 'csv', '--out', folder);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`Cannot write ${folder}: it is a folder`);
    expect(fs.readdirSync(folder)).toEqual([]);
    const missing = path.join(dir, 'nope', 'p.csv');
    const r2 = cli('export', 'latest', '--format', 'csv', '--out', missing);
    expect(r2.code).toBe(1);
    expect(r2.stderr).toContain(`Cannot write ${missing}: the folder does not exist`);
  });

  it('rejects an unknown projection and a bad format with usage errors', () => {
    expect(cli('export', '999999', '--format', 'csv', '--out', path.join(dir, 'x.csv')).stderr).toMatch(/no projection with id 999999/);
    const typo = cli('export', 'latest', '--format', 'csv', '--out', path.join(dir, 'typo.csv'), '--query', 'virtuue');
    expect(typo.code).toBe(1);
    expect(typo.stderr).toMatch(/"virtuue" is not in glove-6b-100d\. Did you mean: .*virtue/);
    expect(fs.existsSync(path.join(dir, 'typo.csv'))).toBe(false);
    const bad = cli('export', 'latest', '--format', 'pdf', '--out', path.join(dir, 'x.pdf'));
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--format must be one of csv, json, tsv, svg, html/);
  });

  it('neighbors --format csv|md print report tables', () => {
    const csv = cli('neighbors', 'virtue', '--k', '3', '--format', 'csv');
    expect(csv.code).toBe(0);
    expect(parseCsv(csv.stdout, { columns: true })).toEqual([
      { rank: '1', word: 'ideals', similarity: '0.6480' },
      { rank: '2', word: 'devotion', similarity: '0.6334' },
      { rank: '3', word: 'belief', similarity: '0.6317' },
    ]);
    const md = cli('neighbors', 'virtue', '--k', '3', '--format', 'md');
    expect(md.stdout).toContain('| 1 | ideals | 0.6480 |');
  });
});
