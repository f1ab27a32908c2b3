// npm start: the Electron app on the default model. Where Electron's binary is missing and
// cannot be downloaded, say so in one line and run the same app in the browser instead.
// npm run serve (--browser): browser mode directly. Extra arguments are passed through.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { build, downloadElectron, electronBinary, needsBuild, root, run } from './lib.mjs';

const args = process.argv.slice(2);
const browser = args.includes('--browser');
const passThrough = args.filter((a) => a !== '--browser');

if (run(process.execPath, [path.join(root, 'scripts', 'native.mjs'), 'node']) !== 0) process.exit(1);
if (needsBuild() && build() !== 0) process.exit(1);

function serve() {
  const child = spawn(process.execPath, [path.join(root, 'bin', 'embedding-explorer.mjs'), 'serve', ...passThrough], { stdio: 'inherit' });
  child.on('exit', (code) => process.exit(code ?? 0));
  for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
}

if (browser) serve();
else {
  let exe = electronBinary();
  if (!exe && downloadElectron()) exe = electronBinary();
  if (!exe) {
    console.log(
      'Electron is not available on this machine (its binary could not be downloaded), so Embedding Explorer opens in your browser instead.',
    );
    serve();
  } else if (run(process.execPath, [path.join(root, 'scripts', 'native.mjs'), 'electron']) !== 0) {
    console.log('Starting the browser version instead.');
    serve();
  } else {
    const child = spawn(exe, [root, ...passThrough], { stdio: 'inherit' });
    child.on('exit', (code) => process.exit(code ?? 0));
  }
}
