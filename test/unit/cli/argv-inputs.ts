/** Generated command lines over the real commands' option tables. */
import fc from 'fast-check';
import { exportCommand } from '../../../main/cli/commands/export';
import { importCommand } from '../../../main/cli/commands/import';
import { modelsCommand } from '../../../main/cli/commands/models';
import { neighborsCommand } from '../../../main/cli/commands/neighbors';
import { projectCommand } from '../../../main/cli/commands/project';
import { serveCommand } from '../../../main/cli/commands/serve';
import { vocabCommand } from '../../../main/cli/commands/vocab';

export const COMMANDS = [neighborsCommand, modelsCommand, serveCommand, exportCommand, importCommand, vocabCommand, projectCommand];
const optionNames = [...new Set(COMMANDS.flatMap((c) => Object.keys(c.options)))];
const shorts = [...new Set(COMMANDS.flatMap((c) => Object.values(c.options).flatMap((o) => (o.short ? [o.short] : []))))];
export const value = fc.oneof(
  fc.constantFrom(
    '10',
    '-3',
    '0',
    '1e3',
    '2.5',
    '',
    ' ',
    'virtue',
    'out.csv',
    '../x',
    '日本',
    '--',
    '-',
    '=',
    'NaN',
    '99999999999999999999',
  ),
  fc.string({ unit: 'binary', maxLength: 12 }),
);
const token = fc.oneof(
  fc.constantFrom(...optionNames).map((n) => `--${n}`),
  fc.tuple(fc.constantFrom(...optionNames), value).map(([n, v]) => `--${n}=${v}`),
  fc.constantFrom(...shorts, 'x', 'v').map((s) => `-${s}`),
  fc.constantFrom('--', '-', '--no-such-option', '---', '--=', '-hx'),
  value,
);
export const argv = fc
  .tuple(
    fc.oneof(fc.constantFrom(...COMMANDS.map((c) => c.name), 'help', '--help', '--version', '-v'), fc.string({ maxLength: 6 })),
    fc.array(token, { maxLength: 8 }),
  )
  .map(([first, rest]) => [first, ...rest]);
