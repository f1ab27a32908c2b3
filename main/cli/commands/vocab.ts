import fs from 'node:fs';
import type { Vocabulary, VocabularySummary } from '../../../common/contract/contract';
import { ExplorerError } from '../../core/errors';
import { COMMON_DETAILS, COMMON_OPTIONS, type Command, UsageError } from '../command';
import { openService } from '../context';

const n = (x: number) => x.toLocaleString('en-US');

function summaryLine(v: VocabularySummary): string {
  const c = v.counts;
  return `${String(v.id).padStart(4)}  ${v.name.padEnd(28)} ${n(c.entries).padStart(7)} entries  ${n(c.found).padStart(7)} found  ${c.composed ? `${n(c.composed)} composed  ` : ''}${v.labels.length ? `labels: ${v.labels.slice(0, 6).join(', ')}${v.labels.length > 6 ? '…' : ''}` : ''}`;
}

function showText(v: Vocabulary): string {
  const out = [`${v.name} (id ${v.id}, model ${v.model}, from ${v.source}, ${v.createdAt.slice(0, 10)})`, summaryLine(v), ''];
  for (const e of v.entries) {
    const how = !e.found
      ? `not found${e.missing?.length ? ` (missing: ${e.missing.join(', ')})` : ''}`
      : e.composed
        ? 'composed'
        : e.matched !== e.entry
          ? `→ ${e.matched}`
          : '';
    out.push(`  ${e.entry.padEnd(28)} ${(e.label ?? '').padEnd(16)} ${how}`);
  }
  return `${out.join('\n')}\n`;
}

function parseId(raw: string | undefined): number {
  const id = Number(raw);
  if (!raw || !Number.isSafeInteger(id) || id < 1) throw new UsageError('give the vocabulary id shown by "vocab list"');
  return id;
}

export const vocabCommand: Command = {
  name: 'vocab',
  summary: 'add, list, show and remove vocabularies (word lists, optionally labelled)',
  usage: 'embedding-explorer vocab add FILE [--name NAME] [--model NAME] | list | show ID | remove ID | samples | add-sample ID [--json]',
  details: [
    '  add FILE         .txt (one entry per line, # comments) or .csv/.tsv with a "word" column and an optional "label" column',
    '  list             vocabularies of the model',
    '  show ID          entries of one vocabulary and how each maps onto the model',
    '  remove ID        delete a vocabulary',
    '  samples          the vocabularies shipped with the app; add-sample ID adds one',
    '  --name NAME      vocabulary name (default: the file name)',
    '  --model NAME     model (default: the active model)',
    ...COMMON_DETAILS,
  ],
  options: { ...COMMON_OPTIONS, name: { type: 'string' }, model: { type: 'string' } },
  async run(positionals, values) {
    const [sub, arg] = positionals;
    const model = values.model as string | undefined;
    const json = values.json === true;
    const print = (value: unknown, text: string) => process.stdout.write(json ? `${JSON.stringify(value, null, 2)}\n` : text);
    if (!sub) throw new UsageError('give a subcommand: add, list, show, remove, samples or add-sample');
    const service = openService(values);
    try {
      switch (sub) {
        case 'add': {
          if (!arg) throw new UsageError('give the vocabulary FILE to add');
          let content: string;
          try {
            content = fs.readFileSync(arg, 'utf8');
          } catch (e) {
            throw new ExplorerError('file-unreadable', `Cannot read ${arg}: ${(e as Error).message}.`);
          }
          const req = { fileName: arg, content, model, name: values.name as string | undefined };
          const preview = await service.previewVocabulary(req);
          const saved = await service.saveVocabulary(req);
          const missing = preview.entries.filter((e) => !e.found);
          let text = `Saved ${saved.name} (id ${saved.id}) for ${saved.model}: ${n(saved.counts.entries)} entries, ${n(saved.counts.found)} found${saved.counts.composed ? `, ${n(saved.counts.composed)} composed` : ''}${saved.counts.duplicates ? `, ${n(saved.counts.duplicates)} duplicates dropped` : ''}.\n`;
          for (const e of missing.slice(0, 50)) {
            text += `  not found: ${e.entry}${e.suggestions?.length ? ` (did you mean: ${e.suggestions.join(', ')}?)` : ''}\n`;
          }
          if (missing.length > 50) text += `  … and ${n(missing.length - 50)} more not found\n`;
          print({ ...saved, notFound: missing.map((e) => ({ entry: e.entry, missing: e.missing, suggestions: e.suggestions })) }, text);
          return 0;
        }
        case 'list': {
          const list = await service.listVocabularies({ model });
          print(
            list,
            list.length
              ? `${list.map(summaryLine).join('\n')}\n`
              : 'No vocabularies yet: add one with "embedding-explorer vocab add FILE".\n',
          );
          return 0;
        }
        case 'show': {
          const v = service.getVocabulary({ id: parseId(arg) });
          if (!v) throw new ExplorerError('unknown-vocabulary', `There is no vocabulary with id ${arg}.`);
          print(v, showText(v));
          return 0;
        }
        case 'remove': {
          if (!service.removeVocabulary({ id: parseId(arg) }))
            throw new ExplorerError('unknown-vocabulary', `There is no vocabulary with id ${arg}.`);
          print({ removed: Number(arg) }, `Removed vocabulary ${arg}.\n`);
          return 0;
        }
        case 'samples': {
          const samples = service.listSamples();
          print(samples, samples.map((s) => `  ${s.id.padEnd(20)} ${s.title} (${s.entries} entries): ${s.description}`).join('\n') + '\n');
          return 0;
        }
        case 'add-sample': {
          if (!arg) throw new UsageError('give the sample id shown by "vocab samples"');
          const v = await service.addSample({ id: arg, model });
          print(v, `${summaryLine(v)}\n`);
          return 0;
        }
        default:
          throw new UsageError(`unknown subcommand "${sub}"`);
      }
    } finally {
      service.close();
    }
  },
};
