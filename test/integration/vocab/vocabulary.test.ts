import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatch } from '../../../main/core/dispatch';
import { ExplorerService } from '../../../main/core/service';
import { parseVocabulary } from '../../../main/core/vocab/parse-vocabulary';
import { copyOfDefaultDb, tempDir } from '../../helpers/temp';
import { fixture, gloveText, snapshot, write } from '../import/vector-files';

let service: ExplorerService;

beforeAll(() => {
  service = ExplorerService.open({ dbPath: copyOfDefaultDb() });
});
afterAll(() => service.close());

const cosine = (a: Float32Array, b: Float32Array) => a.reduce((s, x, i) => s + x * b[i], 0);

describe('parsing and normalising', () => {
  it('reads .txt: one entry per line, # comments, blank lines, trimmed, NFC, de-duplicated', () => {
    const p = parseVocabulary(
      'words.txt',
      '# my words\nvirtue\n  morality  \n\ncafe\u0301\ncafé\nvirtue\n   # indented comment\nmachine   learning\n',
    );
    expect(p.entries.map((e) => e.entry)).toEqual(['virtue', 'morality', 'café', 'machine learning']);
    expect(p.entries.map((e) => e.line)).toEqual([2, 3, 5, 9]);
    expect(p.duplicates).toBe(2);
  });

  it('reads .csv with quoted fields, a label and extra columns kept as metadata; keeps the first label', () => {
    const csv =
      'Word,Label,Note\n"Washington, D.C.",capital,"the ""federal"" city"\nParis,capital,\nparis,city,lower-case is another entry\nParis,country,duplicate\n" ",empty,\n"multi\nline",odd,\n';
    const p = parseVocabulary('places.csv', csv);
    expect(p.entries.map((e) => [e.entry, e.label])).toEqual([
      ['Washington, D.C.', 'capital'],
      ['Paris', 'capital'],
      ['paris', 'city'],
      ['multi line', 'odd'],
    ]);
    expect(p.entries[0].meta).toEqual({ Note: 'the "federal" city' });
    expect(p.duplicates).toBe(1);
    expect(p.empty).toBe(1);
  });

  it('reads .tsv', () => {
    const p = parseVocabulary('v.tsv', 'label\tword\nanimal\tcat\nanimal\tdog\n');
    expect(p.entries.map((e) => [e.entry, e.label])).toEqual([
      ['cat', 'animal'],
      ['dog', 'animal'],
    ]);
  });

  it('names file and line for bad vocabulary files', () => {
    expect(() => parseVocabulary('x.csv', 'name,label\na,b\n')).toThrow('x.csv, line 1: the header row needs a "word" column');
    expect(() => parseVocabulary('x.csv', 'word,label\na,b\nc,d,e\n')).toThrow('x.csv, line 3: the row has 3 fields but the header has 2');
    expect(() => parseVocabulary('e.txt', '  \n\n')).toThrow('e.txt, line 1: the file is empty');
    expect(() => parseVocabulary('c.txt', '# only a comment\n')).toThrow('c.txt, line 1: the file has no entries');
  });
});

describe('look-up in the default model', () => {
  it('previews without saving: exact then lower-case matches, composed entries, not-found with suggestions', async () => {
    const before = snapshot(service.db);
    const p = await service.previewVocabulary({
      fileName: 'mine.csv',
      content: 'word,label\nParis,city\nvirtue,ethics\nmachine learning,field\nmoralty,ethics\nqqqzzxv,junk\n',
    });
    expect(snapshot(service.db)).toBe(before);
    expect(p).toMatchObject({ name: 'mine', model: 'glove-6b-100d', labels: ['city', 'ethics', 'field', 'junk'] });
    expect(p.counts).toEqual({ entries: 5, found: 3, notFound: 2, composed: 1, duplicates: 0, empty: 0 });
    const [paris, virtue, ml, moralty, junk] = p.entries;
    expect(paris).toMatchObject({ entry: 'Paris', found: true, matched: 'paris', composed: false });
    expect(virtue).toMatchObject({ found: true, matched: 'virtue' });
    expect(ml).toMatchObject({ found: true, composed: true });
    expect(ml.wordIndex).toBeUndefined();
    expect(moralty).toMatchObject({ found: false, missing: ['moralty'] });
    expect(moralty.suggestions).toContain('morality');
    expect(junk).toMatchObject({ found: false, suggestions: [] });
  });

  it('a composed entry is the normalised mean of its words', async () => {
    const saved = await service.saveVocabulary({ fileName: 'ml.txt', content: 'machine learning\n' });
    const row = service.db.prepare('SELECT vector, composed, found FROM vocabulary_entries WHERE vocabulary_id = ?').get(saved.id) as {
      vector: Buffer;
      composed: number;
      found: number;
    };
    expect(row).toMatchObject({ composed: 1, found: 1 });
    const v = new Float32Array(new Uint8Array(row.vector).buffer);
    const model = await service.model();
    const a = model.row(model.lookup('machine'));
    const b = model.row(model.lookup('learning'));
    const mean = a.map((x, i) => x + b[i]);
    const norm = Math.hypot(...mean);
    expect(Math.hypot(...v)).toBeCloseTo(1, 6);
    mean.forEach((x, i) => expect(v[i]).toBeCloseTo(x / norm, 6));
    expect(cosine(v, a)).toBeGreaterThan(0.5);
  });

  it('saves (not-found entries kept), lists, shows and removes', async () => {
    const content = 'word,label,source\nvirtue,good,chapter\nwalked,motion,chapter\nwalkinng,motion,typo\n';
    const saved = await service.saveVocabulary({ fileName: 'chapter.csv', content, name: 'My chapter' });
    expect(saved).toMatchObject({ name: 'My chapter', model: 'glove-6b-100d', source: 'chapter.csv', labels: ['good', 'motion'] });
    expect(saved.counts).toMatchObject({ entries: 3, found: 2, notFound: 1 });
    const list = await service.listVocabularies();
    expect(list[0].id).toBe(saved.id);
    const v = service.getVocabulary({ id: saved.id })!;
    expect(v.entries.map((e) => [e.entry, e.label, e.found, e.matched ?? null])).toEqual([
      ['virtue', 'good', true, 'virtue'],
      ['walked', 'motion', true, 'walked'],
      ['walkinng', 'motion', false, null],
    ]);
    expect(v.entries[0].meta).toEqual({ source: 'chapter' });
    expect(v.entries[2].missing).toEqual(['walkinng']);
    await expect(service.saveVocabulary({ fileName: 'chapter.csv', content, name: 'My chapter' })).rejects.toThrow(
      /already has a vocabulary named "My chapter"/,
    );
    expect((await service.saveVocabulary({ fileName: 'chapter.csv', content })).name).toBe('chapter');
    expect((await service.saveVocabulary({ fileName: 'chapter.csv', content })).name).toBe('chapter (2)');
    expect(service.removeVocabulary({ id: saved.id })).toBe(true);
    expect(service.getVocabulary({ id: saved.id })).toBeNull();
    expect(service.db.prepare('SELECT count(*) FROM vocabulary_entries WHERE vocabulary_id = ?').pluck().get(saved.id)).toBe(0);
  });

  it('validates requests at the boundary', async () => {
    expect(await dispatch(service, 'previewVocabulary', { fileName: 'a.txt' })).toMatchObject({
      ok: false,
      error: { code: 'invalid-request' },
    });
    expect(await dispatch(service, 'getVocabulary', { id: -1 })).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
    expect(await dispatch(service, 'getVocabulary', { id: 999999 })).toEqual({ ok: true, value: null });
  });
});

describe('samples and per-model separation', () => {
  it('ships three samples whose every entry is in the default model', async () => {
    const samples = service.listSamples();
    expect(samples.map((s) => s.id)).toEqual(['chapter-examples', 'countries-capitals', 'verb-tenses']);
    for (const s of samples) {
      const v = await service.addSample({ id: s.id });
      expect(v.counts.entries).toBe(s.entries);
      expect(v.counts.notFound).toBe(0);
      expect((await service.addSample({ id: s.id })).id).toBe(v.id); // added once
    }
    const countries = (await service.listVocabularies()).find((v) => v.name === 'Countries and capitals')!;
    expect(countries.labels).toEqual(['country', 'capital']);
    const tenses = (await service.listVocabularies()).find((v) => v.name === 'Verbs in several tenses')!;
    expect(tenses.labels).toEqual(['present', 'past', 'past participle', '-ing form']);
    const chapter = service.getVocabulary({ id: (await service.listVocabularies()).find((v) => v.name === 'Chapter examples')!.id })!;
    expect(chapter.entries.map((e) => e.entry)).toEqual(expect.arrayContaining(['virtue', 'morality', 'walked', 'walking']));
  });

  it("keeps each model's vocabularies apart, and deleting a model deletes its vocabularies", async () => {
    const dir = tempDir('ee-vocab-models-');
    const small = write(dir, 'small.txt', gloveText(fixture(['virtue', 'morality', 'cat'], 4)));
    await service.importModel({ path: small, name: 'small' });
    const own = await service.saveVocabulary({ fileName: 'pets.txt', content: 'cat\ndog\n', model: 'small' });
    expect(own.counts).toMatchObject({ found: 1, notFound: 1 });
    const smallList = await service.listVocabularies({ model: 'small' });
    expect(smallList.map((v) => v.name)).toEqual(['pets']);
    expect((await service.listVocabularies({ model: 'glove-6b-100d' })).map((v) => v.name)).not.toContain('pets');
    expect(service.deleteModel({ name: 'small' })).toBe(true);
    expect(service.getVocabulary({ id: own.id })).toBeNull();
    expect(service.db.prepare('SELECT count(*) FROM vocabulary_entries WHERE vocabulary_id = ?').pluck().get(own.id)).toBe(0);
  });
});
