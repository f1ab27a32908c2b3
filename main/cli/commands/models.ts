import { COMMON_DETAILS, COMMON_OPTIONS, type Command } from '../command';
import { openService } from '../context';

export const modelsCommand: Command = {
  name: 'models',
  summary: 'list the stored models',
  usage: 'embedding-explorer models [--json]',
  details: COMMON_DETAILS,
  options: COMMON_OPTIONS,
  async run(_positionals, values) {
    const service = openService(values);
    try {
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
        process.stdout.write(`${m.active ? '*' : ' '} ${m.name.padEnd(24)} ${m.words.toLocaleString('en-US').padStart(11)} words  ${String(m.dims).padStart(4)} dims  ${m.format}  ${m.importedAt.slice(0, 10)}\n`);
      }
      return 0;
    } finally {
      service.close();
    }
  },
};
