/** The exported map's cluster legend: every cluster's name and size, top right, in id order. */
import type { ViewerData } from './viewer-data';

export function clusterLegend(meta: ViewerData['meta']): HTMLElement | null {
  const list = meta.clusters ?? [];
  if (!list.length) return null;
  const box = document.createElement('div');
  box.id = 'cluster-legend';
  box.style.cssText = `position:fixed;right:14px;top:12px;font-size:12px;text-align:right;max-height:calc(100% - 60px);overflow:auto;color:${meta.theme.text}`;
  const head = document.createElement('strong');
  head.textContent = 'Clusters';
  box.append(head);
  for (const c of list) {
    const row = document.createElement('div');
    row.dataset.cluster = String(c.id);
    row.textContent = `${c.name} (${c.size.toLocaleString('en-US')})`;
    box.append(row);
  }
  return box;
}

/** "cluster: monday · tuesday · wednesday" for a point's hover card, or null. */
export function clusterLine(data: ViewerData, i: number): string | null {
  const id = data.clusters?.[i];
  const c = id !== undefined && id >= 0 ? data.meta.clusters?.[id] : undefined;
  return c ? `cluster: ${c.name}` : null;
}
