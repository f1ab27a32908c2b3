/**
 * Projection figures for `npm run bench`: our UMAP (exact kNN graph in the main process + the
 * runner with its layout parts on worker threads, as the app and CLI run them) on the 5,000, 20,000, 50,000 and 100,000 most
 * frequent words (EMBEDDING_EXPLORER_PROJECTION_SIZES=5000,20000,… to choose), against
 * umap-learn on the same words and parameters on the same machine, and against the umap-js
 * reference engine (`--engine umap-js`) on the same graph. Quality (trustworthiness and
 * neighbour preservation at 10) is computed by the same code for every layout.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { defaultUmapParams, type UmapParams } from '../../common/contract/contract';
import { ExplorerService } from '../core/service';
import { runUmap, runUmapSync } from '../../common/umap/umap-runner';
import { nodePartHost } from '../core/projection/layout-part-host';
import { layoutQualities, qualityRows } from './projection-quality';

export interface BenchProjectionOptions {
  /** Project root (to find ../shared/baselines/baseline.py). Default: the current directory. */
  root?: string;
  /** Store holding the default model. Default: a temporary store, imported first. */
  dbPath?: string;
  /** View sizes (the "top N" rule). Default: EMBEDDING_EXPLORER_PROJECTION_SIZES (comma-separated), else DEFAULT_SIZES. */
  sizes?: number[];
  /** Run umap-learn too when it is installed. Default true. */
  baseline?: boolean;
  /** Run baseline.py's umap command for sizes up to this many points (above, umap-learn's time comes from the layout run, the same call). Default 20,000. */
  baselineUpTo?: number;
  /** Run the umap-js reference engine on the same graph too, for sizes up to this many points. Default 5,100 (the 5,000 view: umap-js needs minutes at 20,000); 0 skips it. */
  umapJsUpTo?: number;
  /** Progress lines (default: stderr). */
  log?: (line: string) => void;
}

const PYTHON = '/usr/bin/python3';

export const DEFAULT_SIZES = [5000, 20000, 50000, 100000];

/** Sizes from EMBEDDING_EXPLORER_PROJECTION_SIZES ("50000,100000"), or the defaults. */
export function projectionSizes(env = process.env.EMBEDDING_EXPLORER_PROJECTION_SIZES): number[] {
  if (!env?.trim()) return DEFAULT_SIZES;
  const sizes = env.split(',').map((x) => Number(x.trim().replace(/_/g, '')));
  const bad = sizes.find((x) => !Number.isInteger(x) || x < 1000 || x > 200_000);
  if (bad !== undefined)
    throw new Error(`EMBEDDING_EXPLORER_PROJECTION_SIZES: "${env}" must list whole numbers 1000..200000, comma-separated.`);
  return sizes;
}

/** umap-learn on our exact words (unit vectors from a file), timed like baseline.py, layout saved for the quality figures. */
const UMAP_LEARN_SNIPPET = `
import json, sys, time
import numpy as np
import umap
X = np.fromfile(sys.argv[1], dtype=np.float32).reshape(-1, int(sys.argv[2]))
nn, md, seed = int(sys.argv[4]), float(sys.argv[5]), int(sys.argv[6])
umap.UMAP(n_components=3, metric='cosine', random_state=0).fit_transform(X[:300])
t = time.perf_counter()
E = umap.UMAP(n_components=3, n_neighbors=nn, min_dist=md, metric='cosine', random_state=seed).fit_transform(X)
sec = time.perf_counter() - t
np.ascontiguousarray(E, dtype=np.float32).tofile(sys.argv[3])
print(json.dumps({'seconds': sec, 'version': umap.__version__}))
`;

const round = (x: number, digits = 4) => Math.round(x * 10 ** digits) / 10 ** digits;

function findBaseline(root: string): string | null {
  if (!fs.existsSync(PYTHON)) return null;
  const candidates = [process.env.EMBEDDING_EXPLORER_BASELINE, path.join(root, '..', 'shared', 'baselines', 'baseline.py')];
  return candidates.find((c): c is string => !!c && fs.existsSync(c)) ?? null;
}

function umapLearnPresent(): boolean {
  if (!fs.existsSync(PYTHON)) return false;
  return spawnSync(PYTHON, ['-c', 'import umap'], { encoding: 'utf8' }).status === 0;
}

function lastJson(stdout: string): Record<string, unknown> | null {
  const line = stdout
    .trim()
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .pop();
  return line ? (JSON.parse(line) as Record<string, unknown>) : null;
}

export async function benchProjection(opts: BenchProjectionOptions | string = {}): Promise<Record<string, unknown>> {
  const o: BenchProjectionOptions = typeof opts === 'string' ? { root: opts } : opts;
  const root = o.root ?? process.cwd();
  const log = o.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const sizes = o.sizes ?? projectionSizes();
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ee-bench-projection-'));
  const figures: Record<string, unknown> = {};
  let service: ExplorerService | undefined;
  try {
    const dbPath = o.dbPath ?? path.join(tmp, 'bench.db');
    service = ExplorerService.open({ dbPath });
    await service.ensureDefaultModel();
    await service.model();
    const script = o.baseline === false ? null : findBaseline(root);
    const learn = o.baseline !== false && umapLearnPresent();
    for (const top of sizes) {
      log(`projection: top ${top}: exact kNN graph and UMAP…`);
      const t0 = performance.now();
      const view = await service.viewData({ view: { kind: 'top', top }, knnK: 15 });
      const t1 = performance.now();
      const params: UmapParams = defaultUmapParams(view.words.length);
      const coords = await runUmap(view, params, { partHost: nodePartHost });
      const t2 = performance.now();
      const n = view.words.length;
      const entry: Record<string, unknown> = {
        points: n,
        params,
        ours_seconds: round((t2 - t0) / 1000, 2),
        ours_knn_graph_seconds: round((t1 - t0) / 1000, 2),
        ours_umap_seconds: round((t2 - t1) / 1000, 2),
        knn_graph: 'exact',
      };
      const layouts: { name: string; coords: Float32Array }[] = [{ name: 'ours', coords }];
      if (n <= (o.umapJsUpTo ?? 5100)) {
        // The stock umap-js library over the same exact kNN graph and parameters: the app's
        // --engine umap-js, timed the same way as our UMAP step (graph excluded).
        log(`projection: top ${top}: umap-js reference engine on the same graph…`);
        const u0 = performance.now();
        const refCoords = runUmapSync(view, { ...params, engine: 'umap-js' });
        const u1 = performance.now();
        layouts.push({ name: 'umap_js', coords: refCoords });
        entry.umap_js_umap_seconds = round((u1 - u0) / 1000, 2);
        entry.time_ratio_umap_js_over_ours = round((u1 - u0) / (t2 - t1), 2);
      }
      const wordsFile = path.join(tmp, `top${top}.txt`);
      fs.writeFileSync(wordsFile, `${view.words.join('\n')}\n`);
      if (learn) {
        log(`projection: top ${top}: umap-learn on the same words (its time and layout)…`);
        const vecFile = path.join(tmp, `top${top}.f32`);
        const outFile = path.join(tmp, `top${top}.umap-learn.f32`);
        fs.writeFileSync(vecFile, new Uint8Array(view.vectors.buffer, view.vectors.byteOffset, view.vectors.byteLength));
        const snippet = path.join(tmp, 'umap_learn_layout.py');
        fs.writeFileSync(snippet, UMAP_LEARN_SNIPPET);
        const r = spawnSync(
          PYTHON,
          [snippet, vecFile, String(view.dims), outFile, String(params.nNeighbors), String(params.minDist), String(params.seed)],
          {
            encoding: 'utf8',
            timeout: 1_800_000,
          },
        );
        const res = lastJson(r.stdout ?? '');
        if (r.status === 0 && res && fs.existsSync(outFile)) {
          const buf = fs.readFileSync(outFile);
          layouts.push({ name: 'umap_learn', coords: new Float32Array(buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength)) });
          entry.umap_learn_version = res.version;
          entry.umap_learn_snippet_seconds = round(res.seconds as number, 2);
          entry.time_ratio_ours_over_umap_learn = round((t2 - t0) / 1000 / (res.seconds as number), 2);
        } else {
          entry.umap_learn_quality_note = `umap-learn layout failed: ${(r.stderr ?? '').trim().split('\n').pop() ?? `exit ${r.status}`}`;
        }
      } else {
        entry.umap_learn_quality_note = 'umap-learn not installed: no reference quality';
      }
      if (script && n <= (o.baselineUpTo ?? 20_100)) {
        log(`projection: top ${top}: reference baseline.py umap…`);
        const r = spawnSync(
          PYTHON,
          [
            script,
            'umap',
            '--words',
            wordsFile,
            '--neighbors',
            String(params.nNeighbors),
            '--min-dist',
            String(params.minDist),
            '--seed',
            String(params.seed),
          ],
          {
            cwd: root,
            encoding: 'utf8',
            timeout: 1_800_000,
          },
        );
        const res = lastJson(r.stdout ?? '');
        if (r.status === 0 && res) {
          entry.baseline = res.baseline;
          entry.baseline_points = res.points;
          entry.baseline_seconds = round(res.seconds as number, 2);
          entry.time_ratio_ours_over_baseline = round((t2 - t0) / 1000 / (res.seconds as number), 2);
        } else {
          entry.baseline_note = `baseline failed: ${(r.stderr ?? '').trim().split('\n').pop() ?? `exit ${r.status}`}`;
        }
      } else if (!script) {
        entry.baseline_note = 'reference baselines not present on this machine';
      }
      // Every layout's quality from one pass over the cosine similarity rows.
      log(`projection: top ${top}: layout quality…`);
      const qs0 = performance.now();
      const qs = layoutQualities(
        view.vectors,
        view.dims,
        layouts.map((l) => l.coords),
        view.knnIndices,
        view.knnK,
        10,
        qualityRows(n),
      );
      entry.quality_seconds = round((performance.now() - qs0) / 1000, 2);
      entry.trustworthiness_rows = qs[0].rowsMeasured;
      layouts.forEach((l, i) => {
        entry[`${l.name}_trustworthiness_10`] = round(qs[i].trustworthiness);
        entry[`${l.name}_neighbours_kept_10`] = round(qs[i].neighbourPreservation);
      });
      const learnAt = layouts.findIndex((l) => l.name === 'umap_learn');
      if (learnAt > 0) {
        entry.trustworthiness_gap = round(qs[0].trustworthiness - qs[learnAt].trustworthiness);
        entry.neighbours_kept_gap = round(qs[0].neighbourPreservation - qs[learnAt].neighbourPreservation);
      }
      figures[`top_${top}`] = entry;
    }
    figures.note =
      'ours = exact kNN graph (worker threads, each pair scored once) + UMAP runner (from 20,000 points in 2 layout parts on worker threads, as the page runs them on nested Web Workers; the same coordinates as one thread); umap-learn = random_state set (single-threaded optimisation), JIT compile excluded, its time from baseline.py up to 20,000 points and from the identical call that saves its layout (umap_learn_snippet_seconds) for every size; umap_js = the umap-js library on the same kNN graph and parameters (UMAP step only, like ours_umap_seconds); quality figures computed by the same code for every layout, trustworthiness on an even sample of trustworthiness_rows rows above 20,100 points.';
    return figures;
  } finally {
    service?.close();
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}
