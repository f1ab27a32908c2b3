import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const ROOT = path.resolve(__dirname, '../../..');
const FILE = path.join(ROOT, '.github/workflows/ci.yml');

interface Step {
  name?: string;
  uses?: string;
  run?: string;
  if?: string;
  id?: string;
  with?: Record<string, unknown>;
  env?: Record<string, string>;
}
interface Job {
  'runs-on': string;
  strategy: { 'fail-fast': boolean; matrix: { os: string[] } };
  defaults?: { run?: { shell?: string } };
  steps: Step[];
}

const workflow = parse(fs.readFileSync(FILE, 'utf8'), { strict: true, uniqueKeys: true }) as {
  name: string;
  on: Record<string, unknown>;
  permissions: Record<string, string>;
  jobs: Record<string, Job>;
};
const job = workflow.jobs.desktop;
const steps = job.steps;
const indexOf = (pred: (s: Step) => boolean, what: string) => {
  const i = steps.findIndex(pred);
  if (i < 0) throw new Error(`no step ${what}`);
  return i;
};
const runs = (cmd: RegExp) => (s: Step) => typeof s.run === 'string' && cmd.test(s.run);

describe('the CI workflow', () => {
  it('runs on pushes and pull requests with read-only permissions', () => {
    expect(Object.keys(workflow.on)).toEqual(expect.arrayContaining(['push', 'pull_request']));
    expect(workflow.permissions).toEqual({ contents: 'read' });
  });

  it('runs one job on Ubuntu, macOS and Windows, each to the end', () => {
    expect(job['runs-on']).toBe('${{ matrix.os }}');
    expect(job.strategy.matrix.os).toEqual(['ubuntu-latest', 'macos-latest', 'windows-latest']);
    expect(job.strategy['fail-fast']).toBe(false);
    // bash on every runner, so that "npm start -- --self-test" keeps its "--" on Windows too.
    expect(job.defaults?.run?.shell).toBe('bash');
  });

  it('uses released major versions of the actions it relies on', () => {
    const uses = steps.filter((s) => s.uses).map((s) => s.uses!);
    for (const u of uses) expect(u).toMatch(/^[\w-]+\/[\w-]+@v\d+$/);
    expect(uses).toEqual(
      expect.arrayContaining([
        'actions/checkout@v4',
        'actions/setup-node@v4',
        'actions/upload-artifact@v4',
        'browser-actions/setup-chrome@v2',
      ]),
    );
    const node = steps.find((s) => s.uses === 'actions/setup-node@v4')!;
    const engines = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')).engines.node as string;
    expect(Number(node.with?.['node-version'])).toBeGreaterThanOrEqual(Number(/\d+/.exec(engines)![0]));
  });

  it('installs with npm ci, then typechecks, lints and tests, with the end-to-end tests on the Chrome it set up', () => {
    const order = [
      indexOf((s) => s.uses === 'actions/checkout@v4', 'checkout'),
      indexOf(runs(/^npm ci$/), 'npm ci'),
      indexOf(runs(/^npm run typecheck$/), 'typecheck'),
      indexOf(runs(/^npm run lint$/), 'lint'),
      indexOf(runs(/^npm test$/), 'npm test'),
    ];
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    const chrome = steps.find((s) => s.uses?.startsWith('browser-actions/setup-chrome'))!;
    expect(steps.find(runs(/^npm test$/))!.env?.CHROMIUM_PATH).toBe(`\${{ steps.${chrome.id}.outputs.chrome-path }}`);
    // npm ci must fetch Electron's binary here: nothing may skip it.
    expect(JSON.stringify(workflow)).not.toContain('ELECTRON_SKIP_BINARY_DOWNLOAD');
  });

  it('runs the self-test under xvfb-run on Linux, with the user-namespace sysctl set first, and directly elsewhere', () => {
    const linux = steps.filter((s) => s.if === "runner.os == 'Linux'");
    const others = steps.filter((s) => s.if === "runner.os != 'Linux'");
    const sysctl = indexOf(runs(/sudo sysctl -w kernel\.apparmor_restrict_unprivileged_userns=0/), 'sysctl');
    const selfTestLinux = indexOf(runs(/^xvfb-run .*npm start -- --self-test$/), 'Linux self-test');
    const selfTestOthers = indexOf(runs(/^npm start -- --self-test$/), 'self-test elsewhere');
    expect(linux).toContain(steps[sysctl]);
    expect(linux).toContain(steps[selfTestLinux]);
    expect(others).toContain(steps[selfTestOthers]);
    expect(sysctl).toBeLessThan(selfTestLinux);
    expect(indexOf(runs(/^npm test$/), 'npm test')).toBeLessThan(selfTestLinux);
    // The picture the self-test saves is kept.
    const upload = steps.find((s) => s.uses === 'actions/upload-artifact@v4' && String(s.with?.path).includes('self-test.png'))!;
    expect(upload.if).toBe('always()');
    expect(String(upload.with?.path)).toContain('embedding-explorer-self-test-');
  });

  it('builds the packages from electron-builder.yml, self-tests the package and keeps it', () => {
    const pack = indexOf(runs(/^npx electron-builder --config electron-builder\.yml --publish never$/), 'package');
    expect(indexOf(runs(/xvfb-run .*node scripts\/packaged-app\.mjs --self-test$/), 'package self-test')).toBeGreaterThan(pack);
    expect(indexOf(runs(/^node scripts\/packaged-app\.mjs --self-test$/), 'package self-test')).toBeGreaterThan(pack);
    const keep = steps.findIndex((s) => s.uses === 'actions/upload-artifact@v4' && s.with?.['if-no-files-found'] === 'error');
    expect(keep).toBeGreaterThan(pack);
  });

  it('only names npm scripts and files the project has', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
    for (const s of steps.filter((x) => x.run)) {
      for (const m of s.run!.matchAll(/npm (?:run )?([\w:-]+)/g))
        if (!['ci', 'run'].includes(m[1])) expect(pkg.scripts).toHaveProperty(m[1]);
      for (const m of s.run!.matchAll(/node (scripts\/[\w.-]+)/g)) expect(fs.existsSync(path.join(ROOT, m[1]))).toBe(true);
    }
  });
});
