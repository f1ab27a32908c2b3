/** The exported map's cluster legend: every cluster's name and size, top right, in id order (folded when long). */
import type { ViewerData } from './viewer-data';

/** Legends longer than this start folded (a click opens them), so they do not cover the map. */
const OPEN_UP_TO = 12;

export function clusterLegend(meta: ViewerData['meta']): HTMLElement | null {
  const list = meta.clusters ?? [];
  if (!list.length) return null;
  const box = document.createElement('details');
  box.id = 'cluster-legend';
  box.open = list.length <= OPEN_UP_TO;
  box.style.cssText = `position:fixed;right:14px;top:12px;font-size:12px;text-align:right;max-height:calc(100% - 60px);overflow:auto;color:${meta.theme.text};padding:4px 8px;border-radius:6px;background:color-mix(in srgb, ${meta.theme.background} 72%, transparent)`;
  const head = document.createElement('summary');
  head.style.cssText = 'font-weight:700;cursor:pointer';
  head.textContent = `Clusters (${list.length.toLocaleString('en-US')})`;
  box.append(head);
  for (const c of list) {
    const row = document.createElement('div');
    row.dataset.cluster = String(c.id);
    row.textContent = `${c.name} (${c.size.toLocaleString('en-US')})`;
    box.append(row);
  }
  box.addEventListener('toggle', () => window.dispatchEvent(new Event('resize')));
  return box;
}

/** "cluster: monday · tuesday · wednesday" for a point's hover card, or null. */
export function clusterLine(data: ViewerData, i: number): string | null {
  const id = data.clusters?.[i];
  const c = id !== undefined && id >= 0 ? data.meta.clusters?.[id] : undefined;
  return c ? `cluster: ${c.name}` : null;
}
