import fs from 'node:fs';
import path from 'node:path';
import {
  defaultEpochs,
  UMAP_ENGINES,
  UMAP_LIMITS,
  type UmapEngine,
  type UmapParams,
  VIEW_TOP,
  type ViewSpec,
} from '../../../common/contract/contract';
import { ExplorerError } from '../../core/errors';
import { rowsOfWords } from '../../core/projection/view';
import { runUmap } from '../../../common/umap/umap-runner';
import { nodePartHost } from '../../core/projection/layout-part-host';
import { COMMON_DETAILS, COMMON_OPTIONS, type Command, intOption, UsageError, type Values } from '../command';
import { openService } from '../context';

/** Reads a word list: one word per line; blank lines and lines starting with # are skipped. */
export function readWordFile(file: string): { words: string[]; lines: number[] } {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    throw new ExplorerError(
      'file-unreadable',
      `Cannot read the word list ${file}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (e as Error).message}.`,
    );
  }
  const words: string[] = [];
  const lines: number[] = [];
  text
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)
    .forEach((raw, i) => {
      const w = raw.trim();
      if (!w || w.startsWith('#')) return;
      words.push(w);
      lines.push(i + 1);
    });
  if (words.length === 0) throw new ExplorerError('empty-file', `The word list ${file} is empty: give one word per line.`);
  return { words, lines };
}

function floatOption(values: Values, name: string, fallback: number, min: number, max: number): number {
  const raw = values[name];
  if (raw === undefined) return fallback;
  const n = Number(raw);
  if (typeof raw !== 'string' || raw.trim() === '' || !Number.isFinite(n))
    throw new UsageError(`--${name} must be a number (got "${String(raw)}")`);
  if (n < min || n > max) throw new UsageError(`--${name} must be between ${min} and ${max} (got ${n})`);
  return n;
}

/** Writes through a temporary file and a rename, so a reader never sees half a file. */
function writeAtomically(file: string, text: string): void {
  const abs = path.resolve(file);
  const tmp = `${abs}.${process.pid}.tmp`;
  try {
    fs.writeFileSync(tmp, text);
    fs.renameSync(tmp, abs);
  } catch (e) {
    fs.rmSync(tmp, { force: true });
    throw new ExplorerError('write-failed', `Cannot write ${abs}: ${(e as Error).message}`);
  }
}

export const projectCommand: Command = {
  name: 'project',
  summary: 'lay words out in 3-D with UMAP and store the projection',
  usage:
    'embedding-explorer project [--top N | --words FILE] [--seed S] [--neighbors 15] [--min-dist 0.1] [--epochs E] [--engine builtin|umap-js] [--out FILE.json] [--json]',
  details: [
    `  --top N          the N most frequent alphabetic words plus the chapter's examples (default ${VIEW_TOP.default}, ${VIEW_TOP.min}..${VIEW_TOP.max})`,
    '  --words FILE     project the words in FILE instead (one per line; # starts a comment)',
    `  --seed S         random seed (default ${UMAP_LIMITS.seed.default}); the same words, options and seed give the same layout`,
    `  --neighbors K    UMAP n_neighbors (default ${UMAP_LIMITS.nNeighbors.default}, ${UMAP_LIMITS.nNeighbors.min}..${UMAP_LIMITS.nNeighbors.max})`,
    `  --min-dist D     UMAP min_dist (default ${UMAP_LIMITS.minDist.default}, ${UMAP_LIMITS.minDist.min}..${UMAP_LIMITS.minDist.max})`,
    `  --epochs E       optimisation epochs (default 500 up to 10,000 points, else 200; ${UMAP_LIMITS.nEpochs.min}..${UMAP_LIMITS.nEpochs.max})`,
    '  --engine E       builtin (default) or umap-js: the stock umap-js library over the same exact kNN graph,',
    '                   to cross-check a layout; seeded too. The run time is printed and stored in the projection',
    '  --name NAME      name of the stored projection (default: from the view and seed)',
    '  --model NAME     model to use (default: the active model)',
    '  --out FILE       write {"id","model","name","params","seed","engine","seconds","points":[{"word","x","y","z"}]} to FILE',
    ...COMMON_DETAILS,
  ],
  options: {
    ...COMMON_OPTIONS,
    top: { type: 'string' },
    words: { type: 'string' },
    seed: { type: 'string' },
    neighbors: { type: 'string' },
    'min-dist': { type: 'string' },
    epochs: { type: 'string' },
    engine: { type: 'string' },
    out: { type: 'string' },
    name: { type: 'string' },
    model: { type: 'string' },
  },
  async run(positionals, values) {
    if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}"`);
    if (values.top !== undefined && values.words !== undefined) throw new UsageError('give either --top or --words, not both');
    const L = UMAP_LIMITS;
    const top = intOption(values, 'top', VIEW_TOP.default, VIEW_TOP.min, VIEW_TOP.max);
    const seed = intOption(values, 'seed', L.seed.default, L.seed.min, L.seed.max);
    const nNeighbors = intOption(values, 'neighbors', L.nNeighbors.default, L.nNeighbors.min, L.nNeighbors.max);
    const minDist = floatOption(values, 'min-dist', L.minDist.default, L.minDist.min, L.minDist.max);
    const epochsGiven = values.epochs !== undefined ? intOption(values, 'epochs', 200, L.nEpochs.min, L.nEpochs.max) : undefined;
    const engine = values.engine ?? 'builtin';
    if (typeof engine !== 'string' || !(UMAP_ENGINES as readonly string[]).includes(engine))
      throw new UsageError(`--engine must be one of ${UMAP_ENGINES.join(', ')} (got "${String(engine)}")`);
    const name = values.name as string | undefined;
    if (name !== undefined && (name.trim() === '' || name.length > 200)) throw new UsageError('--name must be 1 to 200 characters');
    let view: ViewSpec = { kind: 'top', top };
    let fileWords: { words: string[]; lines: number[] } | undefined;
    if (values.words !== undefined) {
      fileWords = readWordFile(values.words as string);
      view = { kind: 'words', words: fileWords.words };
    }
    const service = openService(values);
    try {
      const model = await service.model(values.model as string | undefined);
      if (fileWords) {
        const { missing, lines } = rowsOfWords(model, fileWords.words);
        if (missing.length > 0) {
          const shown = missing
            .slice(0, 10)
            .map((w, i) => `  ${values.words}:${fileWords!.lines[lines[i]]}: "${w}" is not in ${model.name}`);
          const more = missing.length > 10 ? `\n  … and ${missing.length - 10} more` : '';
          throw new ExplorerError(
            'unknown-word',
            `${missing.length} word${missing.length === 1 ? '' : 's'} in ${values.words} ${missing.length === 1 ? 'is' : 'are'} not in ${model.name}; nothing was projected:\n${shown.join('\n')}${more}`,
          );
        }
      }
      const progress = (text: string) => process.stderr.write(`${text}\n`);
      progress(`Preparing the view (${model.name})…`);
      const data = await service.viewData({ view, model: model.name, knnK: Math.max(nNeighbors - 1, 2) });
      const params: UmapParams = {
        nNeighbors,
        minDist,
        nEpochs: epochsGiven ?? defaultEpochs(data.words.length),
        seed,
        ...(engine === 'umap-js' ? { engine: engine as UmapEngine } : {}),
      };
      const t0 = Date.now();
      let lastTenth = -1;
      const coords = await runUmap(data, params, {
        layoutEvery: 10,
        partHost: nodePartHost,
        onProgress: (p) => {
          const tenth = Math.floor(p.fraction * 10);
          if (p.phase !== 'optimise' || tenth !== lastTenth) progress(`${p.message} (${Math.round(p.fraction * 100)}%)`);
          lastTenth = tenth;
        },
      });
      const seconds = (Date.now() - t0) / 1000;
      const summary = await service.saveProjection({
        view,
        params,
        words: data.words,
        coords,
        name,
        model: model.name,
        meta: { source: 'cli', seconds, engine },
      });
      const points = data.words.map((word, i) => ({ word, x: coords[i * 3], y: coords[i * 3 + 1], z: coords[i * 3 + 2] }));
      const doc = { id: summary.id, model: model.name, name: summary.name, params, seed, engine, seconds, points };
      const text = `${JSON.stringify(doc)}\n`;
      if (values.out !== undefined) writeAtomically(values.out as string, text);
      if (values.json) process.stdout.write(text);
      else {
        const where = values.out !== undefined ? ` → ${path.resolve(values.out as string)}` : '';
        process.stdout.write(
          `Saved projection ${summary.id} "${summary.name}": ${data.words.length.toLocaleString('en-US')} points of ${model.name}, laid out in ${seconds.toFixed(1)} s by the ${engine} engine${where}\n`,
        );
      }
      return 0;
    } finally {
      service.close();
    }
  },
};
