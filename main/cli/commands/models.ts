import { ExplorerError } from '../../core/errors';
import { COMMON_DETAILS, COMMON_OPTIONS, type Command, UsageError } from '../command';
import { openService } from '../context';

export const modelsCommand: Command = {
  name: 'models',
  summary: 'list the stored models; use, rename or delete one',
  usage: 'embedding-explorer models [use NAME | rename NAME NEW | delete NAME --yes] [--json]',
  details: [
    '  use NAME         make NAME the active model',
    '  rename NAME NEW  rename a model (its vocabularies and projections follow)',
    '  delete NAME      delete a model with its vocabularies and projections (needs --yes)',
    '  --yes            confirm a delete',
    ...COMMON_DETAILS,
  ],
  options: { ...COMMON_OPTIONS, yes: { type: 'boolean' } },
  async run(positionals, values) {
    const [sub, a, b] = positionals;
    if (sub && !['use', 'rename', 'delete'].includes(sub)) throw new UsageError(`unknown subcommand "${sub}"`);
    if (sub && !a) throw new UsageError(`give the model NAME to ${sub}`);
    if (sub === 'rename' && !b) throw new UsageError('give the NEW name');
    if (sub === 'delete' && !values.yes)
      throw new UsageError(`deleting "${a}" removes it with its vocabularies and projections; add --yes to confirm`);
    const service = openService(values);
    try {
      if (sub === 'use') service.setActiveModel({ name: a });
      if (sub === 'rename') service.renameModel({ name: a, newName: b });
      if (sub === 'delete' && !service.deleteModel({ name: a }))
        throw new ExplorerError('unknown-model', `There is no model named "${a}".`);
      const { models } = service.status();
      if (values.json) {
        process.stdout.write(`${JSON.stringify(models, null, 2)}\n`);
        return 0;
      }
      if (models.length === 0) {
        process.stdout.write('No models yet. The default model is imported on first use (e.g. "embedding-explorer neighbors virtue").\n');
        return 0;
      }
      for (const m of models) {
        process.stdout.write(
          `${m.active ? '*' : ' '} ${m.name.padEnd(24)} ${m.words.toLocaleString('en-US').padStart(11)} words  ${String(m.dims).padStart(4)} dims  ${m.format}  ${m.importedAt.slice(0, 10)}\n`,
        );
      }
      return 0;
    } finally {
      service.close();
    }
  },
};
