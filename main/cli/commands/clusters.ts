import { ExplorerError } from '../../core/errors';
import type { ExplorerService } from '../../core/service';
import { COMMON_DETAILS, COMMON_OPTIONS, type Command, UsageError } from '../command';
import { openService } from '../context';

/** A projection given as an id, "latest" or a saved name (the newest of that name). */
async function resolveProjection(service: ExplorerService, raw: string, model: string | undefined): Promise<number | 'latest'> {
  if (raw === 'latest') return 'latest';
  if (/^\d+$/.test(raw)) return Number(raw);
  const named = (await service.listProjections({ model })).find((p) => p.name === raw);
  if (!named) throw new ExplorerError('unknown-projection', `There is no saved projection named "${raw}".`);
  return named.id;
}

export const clustersCommand: Command = {
  name: 'clusters',
  summary: "list a saved projection's clusters, named by their most central words",
  usage: 'embedding-explorer clusters PROJECTION [--json]',
  details: [
    '  PROJECTION       a projection id, its name, or "latest" (as export takes it)',
    '  --model NAME     model whose projections "latest" and names refer to (default: the active model)',
    '  --json           print {"projection", "clusters": [{"id", "name", "size", "words"}]}, every member',
    '                   word listed, most central first',
    ...COMMON_DETAILS.filter((l) => !l.includes('--json')),
  ],
  options: { ...COMMON_OPTIONS, model: { type: 'string' } },
  async run(positionals, values) {
    if (positionals.length !== 1) throw new UsageError('give one projection: an id, a name or "latest"');
    const model = values.model as string | undefined;
    const service = openService(values);
    try {
      const id = await resolveProjection(service, positionals[0], model);
      const result = await service.clusters({ id, model });
      if (values.json) {
        const clusters = result.clusters.map(({ id: cid, name, size, words }) => ({ id: cid, name, size, words }));
        process.stdout.write(`${JSON.stringify({ projection: result.projection, clusters }, null, 2)}\n`);
        return 0;
      }
      const { k, seed } = result.method;
      process.stdout.write(`Projection ${result.projection} (${result.model}): ${k} clusters, spherical k-means, seed ${seed}\n`);
      const width = Math.max(...result.clusters.map((c) => c.name.length));
      for (const c of result.clusters) {
        const more = c.words.length > 8 ? ', …' : '';
        process.stdout.write(
          `${String(c.id).padStart(3)}  ${c.name.padEnd(width)}  ${c.size.toLocaleString('en-US').padStart(6)} words  ${c.words.slice(0, 8).join(', ')}${more}\n`,
        );
      }
      return 0;
    } finally {
      service.close();
    }
  },
};
