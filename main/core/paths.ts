import os from 'node:os';
import path from 'node:path';

export const APP_DIR_NAME = 'embedding-explorer';

/** The platform's per-user application-data folder for the app (not created here). */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform = process.platform): string {
  const home = os.homedir();
  if (platform === 'win32') return path.join(env.APPDATA || path.join(home, 'AppData', 'Roaming'), APP_DIR_NAME);
  if (platform === 'darwin') return path.join(home, 'Library', 'Application Support', APP_DIR_NAME);
  return path.join(env.XDG_DATA_HOME || path.join(home, '.local', 'share'), APP_DIR_NAME);
}

/**
 * Where the database lives: an explicit `--db` wins, then EMBEDDING_EXPLORER_DB, then the
 * per-user data folder.
 */
export function resolveDbPath(explicit?: string, env: NodeJS.ProcessEnv = process.env): string {
  const chosen = explicit || env.EMBEDDING_EXPLORER_DB;
  if (chosen) return path.resolve(chosen);
  return path.join(defaultDataDir(env), 'explorer.db');
}
