import type { NeighborsResult } from '../../common/contract/contract';
import { ApiError, getApi } from './api/client';
import { Explorer } from './app/explorer';
import { attachProbe } from './app/probe';
import { installDesktopHooks } from './app/desktop-hooks';
import { ExportPanel } from './ui/export-panel';
import { el } from './ui/format';
import { NeighbourList } from './ui/neighbour-list';
import { ProjectionPanel } from './ui/projection-panel';
import { SavedProjections } from './ui/saved-projections';
import { SearchBox } from './ui/search-box';
import { StatusBar } from './ui/status-bar';
import { ModelsPanel } from './ui/models-panel';
import { VocabLabels } from './ui/vocab-labels';
import { VocabPanel } from './ui/vocab-panel';

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;

const api = getApi();
const errorLine = $<HTMLParagraphElement>('query-error');
const kInput = $<HTMLInputElement>('k');
const status = new StatusBar(
  $('status-model'),
  $('status-job'),
  $('status-job-text'),
  $<HTMLProgressElement>('status-job-progress'),
  $('status-layout'),
);
const neighbours = new NeighbourList($<HTMLOListElement>('neighbours'), $('neighbours-caption'), (w) => void search(w));
const searchBox = new SearchBox(
  $<HTMLInputElement>('search'),
  $<HTMLUListElement>('search-suggestions'),
  api,
  (w) => void search(w),
  clear,
);

let current: string | null = null;
let seq = 0;

const explorer = new Explorer(api, $('stage'), { select: (w) => void search(w), layoutChanged: (t) => status.showLayout(t) });
explorer.attach(
  new ProjectionPanel({ run: (view, params) => void explorer.run(view, params), cancel: () => explorer.cancel() }),
  new SavedProjections($<HTMLUListElement>('saved-list'), $('saved-count'), {
    open: (id) => void explorer.open(id),
    rename: (id, name) => void explorer.rename(id, name),
    remove: (id) => void explorer.remove(id),
  }),
);
attachProbe(explorer);
// Vocabularies and models: panels at the end of the sidebar, label colours and legend on the map.
const sidebar = document.querySelector<HTMLElement>('.sidebar')!;
const vocabLabels = new VocabLabels(explorer, $('stage'));
let vocabFilter: ReadonlySet<string> | null = null;
let shownModel: string | null = null;
const vocabPanel = new VocabPanel(api, sidebar, {
  show: (v) => {
    vocabLabels.show(v);
    void explorer.run({ kind: 'vocabulary', vocabularyId: v.id }, null);
  },
  colour: (v) => vocabLabels.show(v),
  filterChanged: (words) => {
    vocabFilter = words;
    if (current) void search(current);
  },
});
const modelsPanel = new ModelsPanel(api, sidebar, () => void refreshStatus());
new ExportPanel(api, { scene: explorer.scene, stage: $('stage'), query: () => current, layout: () => explorer.shownLayout() });
installDesktopHooks(api, {
  stage: $('stage'),
  resetCamera: () => explorer.scene.resetView(),
  openVocabulary: (f) => void vocabPanel.load(f),
  showError: (m) => status.showError(m),
});
let started = false;

function k(): number {
  const v = Math.round(Number(kInput.value));
  return Number.isFinite(v) ? Math.min(100, Math.max(5, v)) : 10;
}

function showError(message: string, suggestions: string[] = []): void {
  errorLine.replaceChildren(el('span', undefined, message.replace(/ Did you mean:.*$/, '')));
  if (suggestions.length) {
    errorLine.append(' Did you mean ');
    suggestions.forEach((s, i) => {
      const b = el('button', undefined, s);
      b.type = 'button';
      b.addEventListener('click', () => void search(s));
      errorLine.append(b, i < suggestions.length - 1 ? ', ' : '?');
    });
  }
  errorLine.hidden = false;
}

function clear(): void {
  current = null;
  seq++;
  neighbours.clear();
  errorLine.hidden = true;
  explorer.clearQuery();
}

async function search(word: string): Promise<void> {
  const mine = ++seq;
  searchBox.value = word;
  errorLine.hidden = true;
  try {
    // With the vocabulary filter on, ask for many neighbours and keep the vocabulary's ones.
    const [result]: NeighborsResult[] = await api.neighbors({ words: [word], k: vocabFilter ? 1000 : k() });
    if (vocabFilter && result.neighbors) result.neighbors = result.neighbors.filter((n) => vocabFilter!.has(n.word)).slice(0, k());
    if (mine !== seq) return;
    if (result.error) {
      neighbours.clear();
      showError(result.error.message, result.error.suggestions);
      return;
    }
    current = result.matched ?? word;
    neighbours.show(result);
    explorer.showNeighbours(result);
  } catch (e) {
    if (mine === seq) showError(e instanceof ApiError ? e.message : `Search failed: ${(e as Error).message}`);
  }
}

async function refreshStatus(): Promise<void> {
  try {
    const s = await api.status();
    status.showStatus(s);
    modelsPanel.show(s.models);
    if (s.activeModel !== shownModel) {
      if (shownModel !== null) vocabLabels.clear();
      shownModel = s.activeModel;
      if (s.activeModel) void vocabPanel.refresh();
    }
    for (const job of s.jobs) status.showJob(job);
    if (s.activeModel && !started) {
      started = true;
      $('stage-message').textContent = 'Opening the map…';
      explorer.start().catch((e: Error) => ($('stage-message').textContent = `The map could not be shown: ${e.message}`));
    } else if (!s.activeModel) {
      $('stage-message').textContent = 'Preparing the default model (first start only)…';
    }
  } catch (e) {
    status.showError(`Cannot reach the app core: ${(e as Error).message}`);
  }
}

api.onEvent((event) => {
  if (event.type === 'job') {
    status.showJob(event.job);
    modelsPanel.onJob(event.job);
  }
  if (event.type === 'models-changed') void refreshStatus();
});
kInput.addEventListener('change', () => current && void search(current));
document
  .querySelectorAll<HTMLButtonElement>('[data-example]')
  .forEach((b) => b.addEventListener('click', () => void search(b.dataset.example!)));
$<HTMLInputElement>('search').addEventListener('keydown', (e) => {
  if (e.key === 'ArrowDown' && $('search').getAttribute('aria-expanded') !== 'true') neighbours.focusFirst();
});
$('reset-view').addEventListener('click', () => explorer.scene.resetView());
// Keyboard: arrows walk the neighbour list (the map follows), Esc clears the query.
$('neighbours').addEventListener('focusin', (e) => explorer.focusWord((e.target as HTMLElement).dataset.word ?? null));
$('neighbours').addEventListener('focusout', () => explorer.focusWord(null));
document.addEventListener('keydown', (e) => {
  const typing = e.target instanceof HTMLInputElement || e.target instanceof HTMLSelectElement || e.target instanceof HTMLTextAreaElement;
  if (typing || e.defaultPrevented) return;
  if ((e.key === 'ArrowDown' || e.key === 'ArrowUp') && !$('neighbours').contains(document.activeElement)) {
    e.preventDefault();
    neighbours.focusFirst();
  } else if (e.key === 'Escape' && current) {
    $<HTMLInputElement>('search').value = '';
    clear();
  }
});
$<HTMLInputElement>('search').focus();
void refreshStatus();
