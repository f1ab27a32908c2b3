/**
 * embedding-explorer: the command-line shell over the same core the app uses.
 * Exit codes: 0 success, 1 a user-facing error (unknown word, bad file), 2 bad usage.
 */
import { isExplorerError } from '../core/errors';
import { APP_VERSION } from '../core/version';
import { type Command, UsageError } from './command';
import { clustersCommand } from './commands/clusters';
import { exportCommand } from './commands/export';
import { importCommand } from './commands/import';
import { modelsCommand } from './commands/models';
import { neighborsCommand } from './commands/neighbors';
import { projectCommand } from './commands/project';
import { serveCommand } from './commands/serve';
import { tokensCommand } from './commands/tokens';
import { vocabCommand } from './commands/vocab';
import { analogyCommand } from './commands/analogy';
import { doesntMatchCommand } from './commands/doesnt-match';
import { evaluateCommand } from './commands/evaluate';
import { trainCommand } from './commands/train';
import { compareCommand } from './commands/compare';
import { parseCommandLine } from './parse-command-line';

const COMMANDS: Command[] = [
  neighborsCommand,
  analogyCommand,
  doesntMatchCommand,
  evaluateCommand,
  modelsCommand,
  serveCommand,
  exportCommand,
  importCommand,
  vocabCommand,
  projectCommand,
  clustersCommand,
  tokensCommand,
  trainCommand,
  compareCommand,
];

function mainHelp(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  return [
    `embedding-explorer ${APP_VERSION}: explore word embeddings from the command line`,
    '',
    'Usage: embedding-explorer COMMAND [options]',
    '',
    'Commands:',
    ...COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    'Run "embedding-explorer COMMAND --help" for a command\'s options.',
    'The database is $EMBEDDING_EXPLORER_DB or the per-user data folder unless --db PATH is given.',
    '',
  ].join('\n');
}

function commandHelp(c: Command): string {
  return [`Usage: ${c.usage}`, '', `${c.summary[0].toUpperCase()}${c.summary.slice(1)}.`, '', 'Options:', ...c.details, ''].join('\n');
}

export async function runCli(argv: string[]): Promise<number> {
  const parsed = parseCommandLine(COMMANDS, argv);
  switch (parsed.kind) {
    case 'main-help':
      process.stdout.write(mainHelp());
      return parsed.code;
    case 'version':
      process.stdout.write(`${APP_VERSION}\n`);
      return 0;
    case 'unknown-command':
      process.stderr.write(`embedding-explorer: unknown command "${parsed.name}"\n\n${mainHelp()}`);
      return 2;
    case 'command-help':
      process.stdout.write(commandHelp(parsed.command));
      return 0;
    case 'usage-error':
      process.stderr.write(`embedding-explorer ${parsed.command.name}: ${parsed.message}\n\n${commandHelp(parsed.command)}`);
      return 2;
  }
  const { command } = parsed;
  try {
    return await command.run(parsed.positionals, parsed.values);
  } catch (e) {
    if (e instanceof UsageError) {
      process.stderr.write(`embedding-explorer ${command.name}: ${e.message}\n\n${commandHelp(command)}`);
      return 2;
    }
    if (isExplorerError(e)) {
      process.stderr.write(`embedding-explorer: ${e.message}\n`);
      return 1;
    }
    process.stderr.write(`embedding-explorer: internal error: ${e instanceof Error ? e.message : String(e)}\n`);
    return 1;
  }
}

const code = await runCli(process.argv.slice(2));
// Serve keeps running; everything else exits with its code once output is flushed.
if (code !== -1) process.exitCode = code;
