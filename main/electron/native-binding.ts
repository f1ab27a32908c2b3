import path from 'node:path';

export interface NativeVersions {
  electron: string;
  betterSqlite3: string;
  platform: string;
  arch: string;
}

/**
 * Folder of one Electron build of better-sqlite3, as `scripts/native.mjs electron` names it
 * (nativeFolderName there; a test keeps the two in step). The better-sqlite3 version is part of
 * it so that an upgrade makes a new build instead of loading a stale one.
 */
export function nativeFolderName(v: NativeVersions): string {
  return `electron-${v.electron}-better-sqlite3-${v.betterSqlite3}-${v.platform}-${v.arch}`;
}

export function electronNativeBinding(appRoot: string, v: NativeVersions): string {
  return path.join(appRoot, 'node_modules', '.embedding-explorer-native', nativeFolderName(v), 'better_sqlite3.node');
}

export interface BindingContext {
  /** app.isPackaged: a package carries better-sqlite3 already rebuilt for its Electron. */
  packaged: boolean;
  appRoot: string;
  electron: string;
  platform: string;
  arch: string;
  exists(file: string): boolean;
  readText(file: string): string;
}

/**
 * The better-sqlite3 binding the Electron shell loads: undefined (the package's own) when
 * packaged; from a checkout, the Electron build made by `npm start`. When that build is missing
 * it says so, instead of quietly loading the Node build and failing on NODE_MODULE_VERSION.
 */
export function chooseNativeBinding(ctx: BindingContext): string | undefined {
  if (ctx.packaged) return undefined;
  let betterSqlite3: string;
  try {
    const pkg = JSON.parse(ctx.readText(path.join(ctx.appRoot, 'node_modules', 'better-sqlite3', 'package.json'))) as { version: string };
    betterSqlite3 = pkg.version;
  } catch {
    throw new Error(`better-sqlite3 is not installed in ${ctx.appRoot}: run "npm install" there.`);
  }
  const binding = electronNativeBinding(ctx.appRoot, { electron: ctx.electron, betterSqlite3, platform: ctx.platform, arch: ctx.arch });
  if (ctx.exists(binding)) return binding;
  throw new Error(
    `The Electron build of better-sqlite3 ${betterSqlite3} for Electron ${ctx.electron} is missing (${binding}). Start the app with "npm start", which builds it, or run "node scripts/native.mjs electron".`,
  );
}

const WRONG_RUNTIME =
  /NODE_MODULE_VERSION|compiled against a different Node\.js version|not a valid Win32 application|invalid ELF header|wrong ELF class|incompatible architecture/i;

/** A native module built for another runtime fails with a raw loader message; this names the fix. */
export function explainNativeError(e: unknown): Error {
  const message = e instanceof Error ? e.message : String(e);
  if (!WRONG_RUNTIME.test(message)) return e instanceof Error ? e : new Error(message);
  return new Error(
    `better-sqlite3 was built for another runtime than this Electron. From a checkout, run "node scripts/native.mjs electron" (or just "npm start"); a package must be rebuilt with its Electron. (${message.split('\n')[0]})`,
  );
}
