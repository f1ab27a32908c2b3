// Types for launcher.mjs (the scripts run as plain JavaScript; the tests import them).
import type { ChildProcess, spawn } from 'node:child_process';

export const READY_ENV: string;
export const SANDBOX_LINK: string;
export const FALLBACK: string;

export interface LaunchResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  error: Error | null;
  ready: boolean;
  forwarded: NodeJS.Signals | null;
  stderr: string;
}
export interface Outcome {
  kind: 'stopped' | 'quit' | 'early' | 'crashed';
  exitCode: number;
  fallback: boolean;
}
type SignalSource = Pick<NodeJS.EventEmitter, 'on' | 'off'>;

export function signalExitCode(signal: NodeJS.Signals | null): number;
export function classifyExit(r: {
  code: number | null;
  signal: NodeJS.Signals | null;
  forwarded?: NodeJS.Signals | null;
  ready?: boolean;
}): Outcome;
export function linuxUsernsRestricted(read?: (file: string) => string): boolean;
export function isSandboxAbort(r: {
  signal: NodeJS.Signals | null;
  stderr?: string;
  platform?: NodeJS.Platform;
  usernsRestricted?: boolean;
}): boolean;
export function explainExit(opts: {
  result: Partial<LaunchResult>;
  outcome: Outcome;
  platform?: NodeJS.Platform;
  usernsRestricted?: boolean;
  exe?: string;
  fallback?: boolean;
}): string[];
export function forwardSignals(
  child: Pick<ChildProcess, 'kill' | 'exitCode' | 'signalCode'>,
  proc?: SignalSource,
  signals?: NodeJS.Signals[],
): { forwarded(): NodeJS.Signals | null; dispose(): void };
export function launchElectron(opts: {
  exe: string;
  args: string[];
  env?: NodeJS.ProcessEnv;
  proc?: SignalSource;
  stderrSink?: { write(chunk: Buffer | string): unknown };
  spawnImpl?: typeof spawn;
}): Promise<LaunchResult>;
export function startDesktop(opts: {
  findElectron: () => string | null;
  prepareNative: () => boolean;
  launch: (exe: string) => Promise<LaunchResult>;
  serve: () => number | Promise<number>;
  selfTest?: boolean;
  out?: (line: string) => void;
  warn?: (line: string) => void;
  platform?: NodeJS.Platform;
  usernsRestricted?: () => boolean;
}): Promise<number>;
