import { parseArgs } from 'node:util';
import { type Command, UsageError, type Values } from './command';

/** What a command line asks for, decided before anything runs. */
export type ParsedCommandLine =
  | { kind: 'main-help'; code: 0 | 2 }
  | { kind: 'version' }
  | { kind: 'unknown-command'; name: string }
  | { kind: 'command-help'; command: Command }
  | { kind: 'usage-error'; command: Command; message: string }
  | { kind: 'run'; command: Command; positionals: string[]; values: Values };

/**
 * Splits argv into the command and its options with node's strict parseArgs. Never throws:
 * anything the command's option table does not allow becomes a usage error naming the problem.
 */
export function parseCommandLine(commands: readonly Command[], argv: readonly string[]): ParsedCommandLine {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') return { kind: 'main-help', code: name ? 0 : 2 };
  if (name === '--version' || name === '-v') return { kind: 'version' };
  const command = commands.find((c) => c.name === name);
  if (!command) return { kind: 'unknown-command', name };
  try {
    const { values, positionals } = parseArgs({ args: [...rest], options: command.options, allowPositionals: true, strict: true });
    if (values.help) return { kind: 'command-help', command };
    return { kind: 'run', command, positionals, values };
  } catch (e) {
    if (e instanceof UsageError || (e as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      return { kind: 'usage-error', command, message: (e as Error).message };
    }
    throw e;
  }
}
