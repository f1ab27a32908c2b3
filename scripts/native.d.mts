// Types for native.mjs (the scripts run as plain JavaScript; the tests import them).
export interface NativeVersions {
  electron: string;
  betterSqlite3: string;
  platform: string;
  arch: string;
}
export const NATIVE_DIR: string;
export function nativeFolderName(v: NativeVersions): string;
export function electronBindingPath(projectRoot: string, v: NativeVersions): string;
export function sourceCopyFilter(srcRoot: string): (p: string) => boolean;
export function nodeGypScript(ctx?: {
  env?: NodeJS.ProcessEnv;
  execPath?: string;
  platform?: NodeJS.Platform;
  projectRoot?: string;
  exists?: (file: string) => boolean;
}): string | null;
export function buildElectronBinding(opts: {
  source: string;
  dest: string;
  electron: string;
  prebuildScript: string | null;
  gypScript: string | null;
  runNode: (args: string[], cwd: string) => number;
  tmpRoot?: string;
}): boolean;
export function pruneOtherBuilds(nativeRoot: string, keep: string): void;
