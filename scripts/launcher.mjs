// Starts the Electron app for `npm start`, and when Electron cannot start or dies before its
// window opens, says why in one or two lines (with what to do) and falls back to browser mode.
// Pure parts (exit classification, messages, signal forwarding) are exported for the tests.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** The Electron shell writes this file once its window is ready to show (main/electron/startup.ts). */
export const READY_ENV = 'EMBEDDING_EXPLORER_READY_FILE';
export const SANDBOX_LINK = 'https://github.com/electron/electron/issues/42510';
export const FALLBACK = 'Opening the browser version instead.';

/** The shell's convention for a process ended by a signal: 128 + its number. */
export function signalExitCode(signal) {
  const n = signal ? os.constants.signals[signal] : undefined;
  return n ? 128 + n : 1;
}

/**
 * What an Electron exit means. `forwarded` is the signal the launcher passed on (the user
 * pressed Ctrl+C or the session ended), `ready` whether the window opened.
 *  - stopped: the user asked; exit with the child's status, nothing to explain.
 *  - quit: exit code 0, a clean quit (also a second instance handing over to the first).
 *  - early: failed before the window opened (a null code with a signal is a failure): fall back.
 *  - crashed: failed after the window opened: explain and exit non-zero, no fallback.
 */
export function classifyExit({ code, signal, forwarded = null, ready = false }) {
  const exitCode = code ?? signalExitCode(signal);
  if (forwarded) return { kind: 'stopped', exitCode, fallback: false };
  if (code === 0) return { kind: 'quit', exitCode: 0, fallback: false };
  if (!ready) return { kind: 'early', exitCode, fallback: true };
  return { kind: 'crashed', exitCode, fallback: false };
}

/** Whether this Linux keeps unprivileged processes from making user namespaces (Chromium's sandbox needs them). */
export function linuxUsernsRestricted(read = (p) => fs.readFileSync(p, 'utf8')) {
  const value = (p) => {
    try {
      return read(p).trim();
    } catch {
      return null;
    }
  };
  return (
    value('/proc/sys/kernel/apparmor_restrict_unprivileged_userns') === '1' || value('/proc/sys/kernel/unprivileged_userns_clone') === '0'
  );
}

const SANDBOX_TEXT = /SUID sandbox helper|setuid_sandbox|No usable sandbox|apparmor-userns/i;

/** Whether an early exit is Chromium's sandbox refusing to start (Ubuntu 23.10 and later by default). */
export function isSandboxAbort({ signal, stderr = '', platform = process.platform, usernsRestricted = false }) {
  if (platform !== 'linux') return false;
  return SANDBOX_TEXT.test(stderr) || (usernsRestricted && (signal === 'SIGTRAP' || signal === 'SIGABRT'));
}

/**
 * One or two lines: what happened and what the user can do. `fallback` appends that the browser
 * version opens instead. Empty for a clean quit or a stop the user asked for.
 */
export function explainExit({
  result,
  outcome,
  platform = process.platform,
  usernsRestricted = false,
  exe = 'electron',
  fallback = false,
}) {
  const then = fallback ? ` ${FALLBACK}` : '';
  if (result.error) {
    return [
      `Electron could not be started (${result.error.message}).${then}`,
      'Reinstall it with "npm ci", or run "npm run serve" for the browser version.',
    ];
  }
  if (outcome.kind === 'quit' || outcome.kind === 'stopped') return [];
  if (outcome.kind === 'early' && isSandboxAbort({ signal: result.signal, stderr: result.stderr, platform, usernsRestricted })) {
    const helper = path.join(path.dirname(exe), 'chrome-sandbox');
    return [
      `Electron stopped at start-up: its sandbox cannot start because this Linux restricts unprivileged user namespaces (Ubuntu 23.10 and later do).${then}`,
      `To allow it: "sudo sysctl -w kernel.apparmor_restrict_unprivileged_userns=0" (until reboot), or "sudo chown root:root ${helper} && sudo chmod 4755 ${helper}"; --no-sandbox would start it with Chromium's sandbox off (not advised). See ${SANDBOX_LINK}`,
    ];
  }
  const how = result.signal ? `with signal ${result.signal}` : `with exit code ${result.code}`;
  if (outcome.kind === 'early') {
    return [
      `Electron stopped ${how} before its window opened (its own messages, if any, are above).${then}`,
      'Run "npm start -- --self-test" to see which step fails; "npm run serve" always opens the browser version.',
    ];
  }
  return [`Embedding Explorer (Electron) stopped unexpectedly ${how}.`];
}

/**
 * Passes SIGINT, SIGTERM and SIGHUP received by the launcher on to the Electron child (so
 * stopping `npm start` stops the app, and the launcher outlives it to report its status).
 */
export function forwardSignals(child, proc = process, signals = ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  let forwarded = null;
  const handlers = signals.map((sig) => {
    const handler = () => {
      forwarded = sig;
      if (child.exitCode === null && child.signalCode === null) child.kill(sig);
    };
    proc.on(sig, handler);
    return [sig, handler];
  });
  return {
    forwarded: () => forwarded,
    dispose: () => handlers.forEach(([sig, handler]) => proc.off(sig, handler)),
  };
}

/**
 * Runs Electron to its end. Its stderr passes through and its tail is kept (to recognise a
 * sandbox abort); the ready file tells whether the window opened.
 */
export function launchElectron({ exe, args, env = process.env, proc = process, stderrSink = process.stderr, spawnImpl = spawn }) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ee-start-'));
  const readyFile = path.join(dir, 'ready');
  return new Promise((resolve) => {
    let settled = false;
    let stderr = '';
    let signals = { forwarded: () => null, dispose() {} };
    const finish = (result) => {
      if (settled) return;
      settled = true;
      signals.dispose();
      const ready = fs.existsSync(readyFile);
      fs.rmSync(dir, { recursive: true, force: true });
      resolve({ code: null, signal: null, error: null, ...result, ready, forwarded: signals.forwarded(), stderr });
    };
    let child;
    try {
      child = spawnImpl(exe, args, { stdio: ['inherit', 'inherit', 'pipe'], env: { ...env, [READY_ENV]: readyFile } });
    } catch (error) {
      finish({ error });
      return;
    }
    signals = forwardSignals(child, proc);
    child.stderr?.on('data', (chunk) => {
      stderrSink.write(chunk);
      stderr = (stderr + chunk.toString()).slice(-8192);
    });
    child.once('error', (error) => finish({ error }));
    child.once('close', (code, signal) => finish({ code, signal }));
  });
}

/**
 * `npm start`: Electron when it can run, else a short reason and browser mode. In self-test
 * mode there is no fallback: the exit status is the test's. Resolves to the exit code.
 */
export async function startDesktop({
  findElectron,
  prepareNative,
  launch,
  serve,
  selfTest = false,
  out = (line) => console.log(line),
  warn = (line) => console.error(line),
  platform = process.platform,
  usernsRestricted = () => platform === 'linux' && linuxUsernsRestricted(),
}) {
  const exe = findElectron();
  if (!exe) {
    if (selfTest) {
      warn('The self-test needs Electron, and its binary is not installed here (it could not be downloaded).');
      return 1;
    }
    out(
      'Electron is not available on this machine (its binary could not be downloaded), so Embedding Explorer opens in your browser instead.',
    );
    return serve();
  }
  if (!prepareNative()) {
    if (selfTest) return 1;
    warn(FALLBACK);
    return serve();
  }
  const result = await launch(exe);
  const outcome = result.error ? { kind: 'early', exitCode: 1, fallback: true } : classifyExit(result);
  const fallback = outcome.fallback && !selfTest;
  const lines = explainExit({ result, outcome, platform, usernsRestricted: usernsRestricted(), exe, fallback });
  // A self-test that ran reports for itself; only a crash or a failure to start needs explaining.
  if (!selfTest || result.error || result.signal) lines.forEach((l) => warn(l));
  return fallback ? serve() : outcome.exitCode;
}
