/**
 * CLI argument parsing, generated: any argv ends in help, a version, an unknown-command or usage
 * error with a message, or a command with options of the declared names and types. Never an
 * exception. Numeric options take only whole numbers in range, with errors naming the option.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { intOption, UsageError } from '../../../main/cli/command';
import { parseCommandLine } from '../../../main/cli/parse-command-line';
import { argv, COMMANDS, value } from './argv-inputs';

const RUNS = 1000;
describe('CLI argument parsing', () => {
  it('any argv ends in a decision, never an exception', () => {
    fc.assert(
      fc.property(fc.oneof(argv, fc.constant([] as string[])), (args) => {
        const parsed = parseCommandLine(COMMANDS, args);
        expect(parseCommandLine(COMMANDS, args)).toEqual(parsed);
        switch (parsed.kind) {
          case 'usage-error':
            expect(parsed.message.length).toBeGreaterThan(0);
            break;
          case 'unknown-command':
            expect(COMMANDS.map((c) => c.name)).not.toContain(parsed.name);
            break;
          case 'run':
            for (const [key, v] of Object.entries(parsed.values)) {
              const spec = parsed.command.options[key];
              expect(spec, `--${key} is an option of ${parsed.command.name}`).toBeDefined();
              expect(typeof v).toBe(spec.type === 'boolean' ? 'boolean' : 'string');
            }
            for (const p of parsed.positionals) expect(typeof p).toBe('string');
            break;
          default:
        }
      }),
      { numRuns: RUNS },
    );
  });

  it('whole-number options: a number in range or an error naming the option', () => {
    fc.assert(
      fc.property(fc.oneof(value, fc.integer().map(String)), fc.integer({ min: -100, max: 100 }), fc.nat(1000), (raw, min, span) => {
        const max = min + span;
        try {
          const n = intOption({ k: raw }, 'k', min, min, max);
          expect(Number.isSafeInteger(n)).toBe(true);
          expect(n).toBeGreaterThanOrEqual(min);
          expect(n).toBeLessThanOrEqual(max);
          expect(n).toBe(Number(raw));
        } catch (e) {
          expect(e).toBeInstanceOf(UsageError);
          expect((e as Error).message).toMatch(/^--k must be /);
        }
      }),
      { numRuns: RUNS },
    );
  });
});
