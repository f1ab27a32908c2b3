// npm start: the Electron app on the default model. Where Electron's binary is missing, cannot be
// prepared or dies before its window opens, say why in one or two lines and run the same app in
// the browser instead (scripts/launcher.mjs). npm start -- --self-test: the Electron self-test.
// npm run serve (--browser): browser mode directly. Extra arguments are passed through.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { build, downloadElectron, electronBinary, needsBuild, root, run } from './lib.mjs';
import { forwardSignals, launchElectron, startDesktop } from './launcher.mjs';

const args = process.argv.slice(2);
const browser = args.includes('--browser');
const selfTest = args.includes('--self-test');
const passThrough = args.filter((a) => a !== '--browser');

if (run(process.execPath, [path.join(root, 'scripts', 'native.mjs'), 'node']) !== 0) process.exit(1);
if (needsBuild() && build() !== 0) process.exit(1);

/** Browser mode until it stops; resolves to its exit code. */
function serve() {
  const serveArgs = passThrough.filter((a) => a !== '--self-test');
  const child = spawn(process.execPath, [path.join(root, 'bin', 'embedding-explorer.mjs'), 'serve', ...serveArgs], { stdio: 'inherit' });
  const signals = forwardSignals(child);
  return new Promise((resolve) => {
    child.once('close', (code, signal) => {
      signals.dispose();
      resolve(code ?? (signals.forwarded() === signal ? 0 : 1));
    });
  });
}

const code = browser
  ? await serve()
  : await startDesktop({
      selfTest,
      findElectron: () => electronBinary() ?? (downloadElectron() ? electronBinary() : null),
      prepareNative: () => run(process.execPath, [path.join(root, 'scripts', 'native.mjs'), 'electron']) === 0,
      launch: (exe) => launchElectron({ exe, args: [root, ...passThrough] }),
      serve,
    });
process.exit(code);
