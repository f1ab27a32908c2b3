import path from 'node:path';
import type {
  PreviewVocabularyRequest,
  Vocabulary,
  VocabularyPreview,
  VocabularySample,
  VocabularySummary,
} from '../../../common/contract/contract';
import type { Model } from '../model/model';
import type { Db } from '../store/database';
import { findModelRow } from '../store/models-repo';
import { parseVocabulary } from './parse-vocabulary';
import { countEntries, labelsOf, type ResolvedEntry, resolveEntries } from './resolve-entries';
import { listSampleVocabularies, readSample } from './samples';
import {
  deleteVocabulary,
  findVocabularyByName,
  getVocabularyById,
  insertVocabulary,
  listVocabularyRows,
  uniqueVocabularyName,
} from './vocab-repo';

/** What the vocabulary operations need from the service. */
export interface VocabDeps {
  db: Db;
  model(name?: string): Promise<Model>;
  guardWrite<T>(fn: () => T): T;
}

const defaultName = (fileName: string) => path.basename(fileName).replace(/\.(txt|csv|tsv)$/i, '') || 'vocabulary';

async function prepare(deps: VocabDeps, req: PreviewVocabularyRequest) {
  const model = await deps.model(req.model);
  const parsed = parseVocabulary(req.fileName, req.content);
  const entries = resolveEntries(model, parsed.entries);
  const counts = countEntries(entries, parsed.duplicates, parsed.empty);
  const modelId = findModelRow(deps.db, model.name)!.id;
  return { model, modelId, entries, counts, labels: labelsOf(entries) };
}

const publicEntry = ({ vector: _vector, ...e }: ResolvedEntry) => e;

/** Parses and looks up a vocabulary without storing anything: what the user checks before saving. */
export async function previewVocabulary(deps: VocabDeps, req: PreviewVocabularyRequest): Promise<VocabularyPreview> {
  const p = await prepare(deps, req);
  return {
    name: req.name ?? uniqueVocabularyName(deps.db, p.modelId, defaultName(req.fileName)),
    model: p.model.name,
    source: path.basename(req.fileName),
    counts: p.counts,
    labels: p.labels,
    entries: p.entries.map(publicEntry),
  };
}

/** Saves a vocabulary for the model (entries not found are kept, marked as such). */
export async function saveVocabulary(deps: VocabDeps, req: PreviewVocabularyRequest): Promise<VocabularySummary> {
  const p = await prepare(deps, req);
  const name = req.name ?? uniqueVocabularyName(deps.db, p.modelId, defaultName(req.fileName));
  const id = deps.guardWrite(() =>
    insertVocabulary(deps.db, {
      modelId: p.modelId,
      name,
      source: path.basename(req.fileName),
      counts: p.counts,
      labels: p.labels,
      entries: p.entries,
    }),
  );
  return getVocabularyById(deps.db, id)!;
}

export async function listVocabularies(deps: VocabDeps, req: { model?: string }): Promise<VocabularySummary[]> {
  const name = req.model ?? (await deps.model()).name;
  const row = findModelRow(deps.db, name);
  if (!row) await deps.model(name); // throws the usual unknown-model error
  return listVocabularyRows(deps.db, row!.id);
}

export function getVocabulary(deps: VocabDeps, req: { id: number }): Vocabulary | null {
  return getVocabularyById(deps.db, req.id);
}

export function removeVocabulary(deps: VocabDeps, req: { id: number }): boolean {
  return deps.guardWrite(() => deleteVocabulary(deps.db, req.id));
}

export function listSamples(): VocabularySample[] {
  return listSampleVocabularies();
}

/** Adds a shipped sample to a model, once: adding it again returns the stored one. */
export async function addSample(deps: VocabDeps, req: { id: string; model?: string }): Promise<VocabularySummary> {
  const sample = readSample(req.id);
  const model = await deps.model(req.model);
  const existing = findVocabularyByName(deps.db, findModelRow(deps.db, model.name)!.id, sample.title);
  if (existing) return existing;
  return saveVocabulary(deps, { fileName: sample.fileName, content: sample.content, model: model.name, name: sample.title });
}
