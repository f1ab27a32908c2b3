import { EventEmitter } from 'node:events';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  classifyExit,
  explainExit,
  FALLBACK,
  forwardSignals,
  isSandboxAbort,
  launchElectron,
  type LaunchResult,
  linuxUsernsRestricted,
  SANDBOX_LINK,
  startDesktop,
} from '../../../scripts/launcher.mjs';

/** A stand-in for the Electron binary (run by node): behaves as the mode in its first argument says. */
const STAND_IN_SOURCE = `import fs from 'node:fs';

const mode = process.argv[2];
const ready = () => process.env.EMBEDDING_EXPLORER_READY_FILE && fs.writeFileSync(process.env.EMBEDDING_EXPLORER_READY_FILE, 'ready');

if (mode === 'sandbox-abort') {
  // What Electron from node_modules prints on Ubuntu 23.10+ before it aborts.
  process.stderr.write(
    "[4317:0206/185050.022641:FATAL:setuid_sandbox_host.cc(158)] The SUID sandbox helper binary was found, but is not configured correctly. Rather than run without sandboxing I'm aborting now. You need to make sure that /x/node_modules/electron/dist/chrome-sandbox is owned by root and has mode 4755.\\n",
  );
  process.kill(process.pid, 'SIGTRAP');
} else if (mode === 'exit-1-early') {
  process.stderr.write('Error: something failed before the window\\n');
  process.exit(1);
} else if (mode === 'crash-early') {
  process.kill(process.pid, 'SIGSEGV');
} else if (mode === 'quit') {
  ready();
  process.exit(0);
} else if (mode === 'crash-late') {
  ready();
  process.kill(process.pid, 'SIGSEGV');
} else if (mode === 'self-test-fails') {
  ready(); // the self-test printed its own report
  process.exit(1);
} else if (mode === 'wait') {
  // Runs until a signal arrives, and says which one.
  process.on('SIGTERM', () => {
    process.stdout.write('got SIGTERM\\n');
    process.exit(0);
  });
  ready();
  process.stdout.write('waiting\\n');
  setInterval(() => undefined, 1000);
}
`;
const standInDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ee-stand-in-'));
afterAll(() => fs.rmSync(standInDir, { recursive: true, force: true }));
const STAND_IN = path.join(standInDir, 'electron.mjs');
fs.writeFileSync(STAND_IN, STAND_IN_SOURCE);
const silent = { write: () => true };

/** Launches the stand-in "Electron" (node running stand-in-electron.mjs in the given mode). */
function launchStandIn(mode: string, proc: EventEmitter = new EventEmitter()): Promise<LaunchResult> {
  return launchElectron({ exe: process.execPath, args: [STAND_IN, mode], proc, stderrSink: silent });
}

/** npm start's decision with the stand-in as Electron; records what it printed and whether browser mode opened. */
async function startWith(mode: string | null, opts: { selfTest?: boolean; nativeOk?: boolean; usernsRestricted?: boolean } = {}) {
  const printed: string[] = [];
  let served = 0;
  const code = await startDesktop({
    selfTest: opts.selfTest,
    findElectron: () => (mode ? process.execPath : null),
    prepareNative: () => opts.nativeOk ?? true,
    launch: () => launchStandIn(mode!),
    serve: () => (served++, 0),
    out: (l) => printed.push(l),
    warn: (l) => printed.push(l),
    platform: 'linux',
    usernsRestricted: () => opts.usernsRestricted ?? false,
  });
  return { code, printed, served };
}

describe('what an Electron exit means', () => {
  it('treats a null exit code with a signal as a failure, and a clean quit as none', () => {
    expect(classifyExit({ code: null, signal: 'SIGTRAP', ready: false })).toEqual({ kind: 'early', exitCode: 133, fallback: true });
    expect(classifyExit({ code: null, signal: 'SIGSEGV', ready: true })).toEqual({ kind: 'crashed', exitCode: 139, fallback: false });
    expect(classifyExit({ code: 1, signal: null, ready: false })).toEqual({ kind: 'early', exitCode: 1, fallback: true });
    expect(classifyExit({ code: 0, signal: null, ready: true })).toEqual({ kind: 'quit', exitCode: 0, fallback: false });
    // A second instance hands over to the first and quits before any window: not a failure.
    expect(classifyExit({ code: 0, signal: null, ready: false })).toEqual({ kind: 'quit', exitCode: 0, fallback: false });
    // Stopped by the user through the launcher: no fallback, no message.
    expect(classifyExit({ code: null, signal: 'SIGINT', forwarded: 'SIGINT', ready: true })).toEqual({
      kind: 'stopped',
      exitCode: 130,
      fallback: false,
    });
    expect(classifyExit({ code: 0, signal: null, forwarded: 'SIGTERM', ready: false })).toEqual({
      kind: 'stopped',
      exitCode: 0,
      fallback: false,
    });
  });

  it('recognises the sandbox abort by its message, or by the signal where user namespaces are restricted', () => {
    expect(
      isSandboxAbort({
        signal: 'SIGTRAP',
        stderr: 'FATAL:setuid_sandbox_host.cc(158)] The SUID sandbox helper binary was found',
        platform: 'linux',
      }),
    ).toBe(true);
    expect(isSandboxAbort({ signal: 'SIGTRAP', stderr: '', platform: 'linux', usernsRestricted: true })).toBe(true);
    expect(isSandboxAbort({ signal: 'SIGTRAP', stderr: '', platform: 'linux', usernsRestricted: false })).toBe(false);
    expect(isSandboxAbort({ signal: 'SIGTRAP', stderr: 'SUID sandbox helper', platform: 'darwin' })).toBe(false);
    expect(linuxUsernsRestricted((p) => (p.endsWith('apparmor_restrict_unprivileged_userns') ? '1\n' : '1'))).toBe(true);
    expect(linuxUsernsRestricted((p) => (p.endsWith('apparmor_restrict_unprivileged_userns') ? '0\n' : '1'))).toBe(false);
    expect(
      linuxUsernsRestricted(() => {
        throw new Error('ENOENT');
      }),
    ).toBe(false);
  });

  it('explains a sandbox abort in two lines: the sysctl, the chrome-sandbox fix, the --no-sandbox caveat and the link', () => {
    const lines = explainExit({
      result: { code: null, signal: 'SIGTRAP', stderr: 'No usable sandbox!' },
      outcome: classifyExit({ code: null, signal: 'SIGTRAP', ready: false }),
      platform: 'linux',
      exe: '/p/node_modules/electron/dist/electron',
      fallback: true,
    });
    expect(lines).toHaveLength(2);
    expect(lines[0]).toContain('restricts unprivileged user namespaces');
    expect(lines[0]).toContain(FALLBACK);
    expect(lines[1]).toContain('sudo sysctl -w kernel.apparmor_restrict_unprivileged_userns=0');
    expect(lines[1]).toContain(
      'sudo chown root:root /p/node_modules/electron/dist/chrome-sandbox && sudo chmod 4755 /p/node_modules/electron/dist/chrome-sandbox',
    );
    expect(lines[1]).toContain('--no-sandbox');
    expect(lines[1]).toContain(SANDBOX_LINK);
  });
});

describe('forwarding signals to the Electron child', () => {
  it('passes SIGTERM on to the child, records it, and stops listening once disposed', async () => {
    const proc = new EventEmitter();
    const child = spawn(process.execPath, [STAND_IN, 'wait'], { stdio: ['ignore', 'pipe', 'ignore'] });
    let out = '';
    child.stdout.on('data', (b: Buffer) => (out += b.toString()));
    await new Promise<void>((r) => child.stdout.once('data', () => r()));
    const signals = forwardSignals(child, proc);
    expect(proc.listenerCount('SIGTERM')).toBe(1);
    expect(proc.listenerCount('SIGINT')).toBe(1);
    const exited = new Promise<number | null>((r) => child.once('close', (code) => r(code)));
    proc.emit('SIGTERM');
    expect(await exited).toBe(0);
    expect(out).toContain('got SIGTERM');
    expect(signals.forwarded()).toBe('SIGTERM');
    signals.dispose();
    expect(proc.listenerCount('SIGTERM')).toBe(0);
    expect(proc.listenerCount('SIGINT')).toBe(0);
  });

  it('reports a stop through the launcher as the user’s, not as a failure', async () => {
    const proc = new EventEmitter();
    const launched = launchStandIn('wait', proc);
    await new Promise((r) => setTimeout(r, 400));
    proc.emit('SIGTERM');
    const result = await launched;
    expect(result.forwarded).toBe('SIGTERM');
    expect(classifyExit(result)).toMatchObject({ kind: 'stopped', fallback: false });
  });
});

describe('npm start with a stand-in for Electron', () => {
  it('on a sandbox abort says why and what to do in two lines, then opens browser mode', async () => {
    const { code, printed, served } = await startWith('sandbox-abort');
    expect(printed).toHaveLength(2);
    expect(printed[0]).toMatch(/sandbox cannot start.*Opening the browser version instead\./);
    expect(printed[1]).toContain('kernel.apparmor_restrict_unprivileged_userns=0');
    expect(printed[1]).toContain(SANDBOX_LINK);
    expect(served).toBe(1);
    expect(code).toBe(0);
  });

  it('on an early exit or crash says so and opens browser mode', async () => {
    const early = await startWith('exit-1-early');
    expect(early.printed).toEqual([
      `Electron stopped with exit code 1 before its window opened (its own messages, if any, are above). ${FALLBACK}`,
      'Run "npm start -- --self-test" to see which step fails; "npm run serve" always opens the browser version.',
    ]);
    expect(early.served).toBe(1);
    const crash = await startWith('crash-early');
    expect(crash.printed[0]).toContain('with signal SIGSEGV before its window opened');
    expect(crash.served).toBe(1);
  });

  it('does not blame the sandbox for a crash without its message where user namespaces are allowed', async () => {
    const { printed, served } = await startWith('crash-early', { usernsRestricted: false });
    expect(printed[0]).not.toContain('sandbox');
    expect(served).toBe(1);
  });

  it('after a clean quit prints nothing and opens nothing', async () => {
    expect(await startWith('quit')).toEqual({ code: 0, printed: [], served: 0 });
  });

  it('after a crash with the window open reports it and exits non-zero without a fallback', async () => {
    const { code, printed, served } = await startWith('crash-late');
    expect(printed).toEqual(['Embedding Explorer (Electron) stopped unexpectedly with signal SIGSEGV.']);
    expect(code).toBe(139);
    expect(served).toBe(0);
  });

  it('without an Electron binary prints one line and opens browser mode', async () => {
    const { printed, served } = await startWith(null);
    expect(printed).toHaveLength(1);
    expect(printed[0]).toMatch(/^Electron is not available on this machine.*opens in your browser instead\.$/);
    expect(served).toBe(1);
  });

  it('when the native build failed (its reason printed by the build) opens browser mode', async () => {
    const { printed, served } = await startWith('quit', { nativeOk: false });
    expect(printed).toEqual([FALLBACK]);
    expect(served).toBe(1);
  });

  it('cannot start at all: names the error and falls back', async () => {
    const printed: string[] = [];
    let served = 0;
    await startDesktop({
      findElectron: () => '/nonexistent/electron',
      prepareNative: () => true,
      launch: (exe) => launchElectron({ exe, args: [], proc: new EventEmitter(), stderrSink: silent }),
      serve: () => (served++, 0),
      warn: (l) => printed.push(l),
      platform: 'linux',
    });
    expect(printed[0]).toMatch(
      /^Electron could not be started \(spawn \/nonexistent\/electron ENOENT\)\. Opening the browser version instead\.$/,
    );
    expect(served).toBe(1);
  });

  it('in self-test mode never falls back: the exit status is the test’s', async () => {
    expect(await startWith('self-test-fails', { selfTest: true })).toEqual({ code: 1, printed: [], served: 0 });
    const abort = await startWith('sandbox-abort', { selfTest: true });
    expect(abort.code).toBe(133);
    expect(abort.served).toBe(0);
    expect(abort.printed[0]).toContain('sandbox cannot start');
    expect(abort.printed[0]).not.toContain(FALLBACK);
    const missing = await startWith(null, { selfTest: true });
    expect(missing).toMatchObject({ code: 1, served: 0 });
    expect(missing.printed[0]).toContain('The self-test needs Electron');
  });
});
