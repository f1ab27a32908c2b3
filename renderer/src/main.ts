import type { NeighborsResult } from '../../preload/contract';
import { ApiError, getApi } from './api/client';
import { el } from './ui/format';
import { NeighbourList } from './ui/neighbour-list';
import { SearchBox } from './ui/search-box';
import { StatusBar } from './ui/status-bar';

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;

const api = getApi();
const errorLine = $<HTMLParagraphElement>('query-error');
const kInput = $<HTMLInputElement>('k');
const status = new StatusBar($('status-model'), $('status-job'), $('status-job-text'), $<HTMLProgressElement>('status-job-progress'));
const neighbours = new NeighbourList($<HTMLOListElement>('neighbours'), $('neighbours-caption'), (w) => void search(w));
const searchBox = new SearchBox($<HTMLInputElement>('search'), $<HTMLUListElement>('search-suggestions'), api, (w) => void search(w), clear);

let current: string | null = null;
let seq = 0;

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
  neighbours.clear();
  errorLine.hidden = true;
}

async function search(word: string): Promise<void> {
  const mine = ++seq;
  searchBox.value = word;
  errorLine.hidden = true;
  try {
    const [result]: NeighborsResult[] = await api.neighbors({ words: [word], k: k() });
    if (mine !== seq) return;
    if (result.error) {
      neighbours.clear();
      showError(result.error.message, result.error.suggestions);
      return;
    }
    current = result.matched ?? word;
    neighbours.show(result);
  } catch (e) {
    if (mine === seq) showError(e instanceof ApiError ? e.message : `Search failed: ${(e as Error).message}`);
  }
}

async function refreshStatus(): Promise<void> {
  try {
    const s = await api.status();
    status.showStatus(s);
    for (const job of s.jobs) status.showJob(job);
  } catch (e) {
    status.showError(`Cannot reach the app core: ${(e as Error).message}`);
  }
}

api.onEvent((event) => {
  if (event.type === 'job') status.showJob(event.job);
  if (event.type === 'models-changed') void refreshStatus();
});
kInput.addEventListener('change', () => current && void search(current));
document.querySelectorAll<HTMLButtonElement>('[data-example]').forEach((b) => b.addEventListener('click', () => void search(b.dataset.example!)));
$<HTMLInputElement>('search').addEventListener('keydown', (e) => {
  if (e.key === 'ArrowDown' && $('search').getAttribute('aria-expanded') !== 'true') neighbours.focusFirst();
});
$<HTMLInputElement>('search').focus();
void refreshStatus();
