/** The --db value from Electron's argv (app arguments after the script). */
export function dbArgument(argv: readonly string[]): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--db' && argv[i + 1]) return argv[i + 1];
    if (argv[i].startsWith('--db=')) return argv[i].slice(5);
  }
  return undefined;
}
