import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { VocabularySample } from '../../../common/contract/contract';
import { ExplorerError } from '../errors';

interface SampleDef {
  id: string;
  file: string;
  title: string;
  description: string;
}

/** The vocabularies shipped in resources/vocabularies, in the order the UI offers them. */
const SAMPLES: SampleDef[] = [
  {
    id: 'chapter-examples',
    file: 'chapter-examples.csv',
    title: 'Chapter examples',
    description: 'The words the chapter on word vectors talks about: virtue and morality, walked and walking, and their kin.',
  },
  {
    id: 'countries-capitals',
    file: 'countries-capitals.csv',
    title: 'Countries and capitals',
    description: 'Forty countries with their capitals, labelled country or capital: the offsets between them are nearly parallel.',
  },
  {
    id: 'verb-tenses',
    file: 'verb-tenses.csv',
    title: 'Verbs in several tenses',
    description: 'Common verbs as base form, past, past participle and -ing form, labelled by tense.',
  },
];

/** The folder holding the sample files, found from the source tree or beside the build output. */
export function samplesDir(): string {
  const here = path.dirname(fileURLToPath(import.meta.url));
  for (let dir = here, i = 0; i < 7; i++, dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'resources', 'vocabularies');
    if (fs.existsSync(path.join(candidate, SAMPLES[0].file))) return candidate;
  }
  const packaged = (process as { resourcesPath?: string }).resourcesPath;
  if (packaged && fs.existsSync(path.join(packaged, 'vocabularies'))) return path.join(packaged, 'vocabularies');
  throw new ExplorerError('not-found', 'The sample vocabularies are missing from this installation.');
}

export function listSampleVocabularies(): VocabularySample[] {
  const dir = samplesDir();
  return SAMPLES.map((s) => {
    const lines = fs
      .readFileSync(path.join(dir, s.file), 'utf8')
      .split('\n')
      .filter((l) => l.trim().length > 0);
    return { id: s.id, title: s.title, description: s.description, entries: lines.length - 1 };
  });
}

/** A sample's file name, title and text. */
export function readSample(id: string): { fileName: string; title: string; content: string } {
  const s = SAMPLES.find((x) => x.id === id);
  if (!s)
    throw new ExplorerError('unknown-sample', `There is no sample vocabulary "${id}". Samples: ${SAMPLES.map((x) => x.id).join(', ')}.`);
  return { fileName: s.file, title: s.title, content: fs.readFileSync(path.join(samplesDir(), s.file), 'utf8') };
}
