// Types for lib.mjs (the scripts run as plain JavaScript; the tests import them).
export const root: string;
export interface PlanContext {
  platform?: NodeJS.Platform;
  env?: NodeJS.ProcessEnv;
  execPath?: string;
  exists?: (file: string) => boolean;
}
export interface SpawnPlan {
  command: string;
  args: string[];
  windowsVerbatimArguments?: boolean;
}
export function npmCliScript(ctx?: PlanContext): string | null;
export function quoteForCmd(arg: string, opts?: { batch?: boolean }): string;
export function spawnPlan(cmd: string, args: readonly string[], ctx?: PlanContext): SpawnPlan;
export function run(cmd: string, args: readonly string[], opts?: import('node:child_process').SpawnSyncOptions): number;
export function needsBuild(): boolean;
export function build(): number;
export function electronBinary(): string | null;
export function electronVersion(): string;
export function packageVersion(name: string): string;
export function downloadElectron(quiet?: boolean): boolean;
