// After npm install: fetch Electron's binary when the network allows (it is not allowed to
// run as Electron's own install script, so a failure cannot break `npm install`), then build.
import { build, downloadElectron, electronBinary } from './lib.mjs';

if (!process.env.ELECTRON_SKIP_BINARY_DOWNLOAD && !electronBinary()) {
  if (!downloadElectron()) {
    console.log('embedding-explorer: the Electron binary could not be downloaded; "npm start" will open the browser version instead.');
  }
}
if (build() !== 0) {
  console.error('embedding-explorer: building the app failed (see above).');
  process.exit(1);
}
