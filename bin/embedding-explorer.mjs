#!/usr/bin/env node
// The CLI runs from the build output so it uses exactly the code the app ships.
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';

const cli = fileURLToPath(new URL('../out/main/cli.js', import.meta.url));
if (!existsSync(cli)) {
  console.error('embedding-explorer: the app is not built yet; run "npm run build" in the project folder.');
  process.exit(1);
}
await import(pathToFileURL(cli).href);
