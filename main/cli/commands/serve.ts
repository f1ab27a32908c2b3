import { startServer } from '../../server/http-server';
import { openBrowser } from '../../server/open-browser';
import { rendererDir } from '../../server/renderer-dir';
import { COMMON_DETAILS, COMMON_OPTIONS, type Command, intOption } from '../command';
import { openService } from '../context';

export const serveCommand: Command = {
  name: 'serve',
  summary: 'run the app in your browser (a local server on 127.0.0.1)',
  usage: 'embedding-explorer serve [--port N] [--no-open] [--print-token] [--db PATH]',
  details: [
    '  --port N         port on 127.0.0.1 (default: a free one)',
    '  --no-open        print the URL instead of opening the browser',
    '                   (the URL holds a one-time start-up code: it works once, within 2 minutes)',
    '  --print-token    also print the session token, for scripts that call the API with',
    '                   "Authorization: Bearer TOKEN" (keep it private: it grants full access)',
    ...COMMON_DETAILS.filter((l) => !l.includes('--json')),
  ],
  options: { ...COMMON_OPTIONS, port: { type: 'string' }, 'no-open': { type: 'boolean' }, 'print-token': { type: 'boolean' } },
  async run(_positionals, values) {
    const port = intOption(values, 'port', 0, 0, 65535);
    const service = openService(values);
    const server = await startServer({ service, rendererDir: rendererDir(), port });
    process.stdout.write(`Embedding Explorer is running at ${server.url}\n`);
    process.stdout.write('This link works once; the browser then keeps a session cookie until it closes.\n');
    if (values['print-token']) process.stdout.write(`API token: ${server.token} (scripts send "Authorization: Bearer TOKEN")\n`);
    process.stdout.write(`Database: ${service.dbPath}\nPress Ctrl+C to stop.\n`);
    // First run: import the default model now so the page can show its progress.
    service.ensureDefaultModel().catch((e: Error) => process.stderr.write(`embedding-explorer: ${e.message}\n`));
    if (!values['no-open'] && !(await openBrowser(server.url))) {
      process.stdout.write('No browser could be opened here; open the URL above in one.\n');
    }
    const stop = () => {
      void server.close().then(() => {
        service.close();
        process.exit(0);
      });
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    return -1;
  },
};
