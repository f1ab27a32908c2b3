/**
 * The Clusters panel: every cluster of the map on screen by name and size, largest first; a click
 * flies the camera to it. Switches for the names on the map and for colouring points by cluster.
 */
import type { Cluster } from '../../../common/contract/contract';
import { el, formatCount } from './format';
import { clusterColour } from './cluster-colours';

export interface ClusterPanelActions {
  flyTo(cluster: Cluster): void;
  showNames(on: boolean): void;
  colour(on: boolean): void;
}

export class ClusterPanel {
  readonly element: HTMLDetailsElement;
  private readonly list: HTMLOListElement;
  private readonly caption: HTMLParagraphElement;
  readonly namesBox: HTMLInputElement;
  readonly colourBox: HTMLInputElement;

  constructor(sidebar: HTMLElement, actions: ClusterPanelActions) {
    this.element = el('details', 'panel cluster-panel');
    this.element.id = 'clusters-panel';
    const summary = el('summary', 'panel-title', 'Clusters');
    const toggles = el('div', 'cluster-toggles');
    const toggle = (text: string, checked: boolean, on: (v: boolean) => void) => {
      const label = el('label');
      const box = el('input');
      box.type = 'checkbox';
      box.checked = checked;
      box.addEventListener('change', () => on(box.checked));
      label.append(box, ` ${text}`);
      toggles.append(label);
      return box;
    };
    this.namesBox = toggle('Names on the map', true, (v) => actions.showNames(v));
    this.colourBox = toggle('Colour by cluster', false, (v) => actions.colour(v));
    this.caption = el('p', 'caption');
    this.list = el('ol', 'cluster-list');
    this.list.setAttribute('aria-label', 'Clusters');
    this.list.addEventListener('click', (e) => {
      const button = (e.target as HTMLElement).closest<HTMLButtonElement>('button[data-cluster]');
      const c = button && this.clusters[Number(button.dataset.cluster)];
      if (c) actions.flyTo(c);
    });
    this.element.append(summary, toggles, this.caption, this.list);
    sidebar.append(this.element);
  }

  private clusters: Cluster[] = [];

  show(clusters: Cluster[], method: { k: number; seed: number } | null): void {
    this.clusters = clusters;
    this.caption.textContent = method
      ? `${formatCount(clusters.length)} clusters of the words' vectors (k-means, seed ${method.seed}), named by their most central words.`
      : '';
    this.list.replaceChildren(
      ...clusters.map((c) => {
        const item = el('li');
        const b = el('button');
        b.type = 'button';
        b.dataset.cluster = String(c.id);
        b.title = `Fly to this cluster · ${c.words.slice(0, 12).join(', ')}${c.words.length > 12 ? ', …' : ''}`;
        const swatch = el('span', 'swatch');
        swatch.style.background = clusterColour(c.id);
        b.append(swatch, el('span', 'cluster-name', c.name), el('span', 'count', formatCount(c.size)));
        item.append(b);
        return item;
      }),
    );
  }

  clear(text: string): void {
    this.clusters = [];
    this.list.replaceChildren();
    this.caption.textContent = text;
  }
}

/**
 * Legend entries for a picture of the map: each cluster's colour and name (at most `max`, the
 * rest counted in a last line), or none when the map has no clusters.
 */
export function clusterLegend(max: number): { colour: string; text: string }[] {
  const rows = [...document.querySelectorAll<HTMLElement>('#clusters-panel .cluster-list button')];
  const out = rows.slice(0, rows.length > max ? max - 1 : max).map((b) => ({
    colour: clusterColour(Number(b.dataset.cluster)),
    text: b.querySelector('.cluster-name')?.textContent ?? '',
  }));
  if (rows.length > out.length) out.push({ colour: 'transparent', text: `… and ${rows.length - out.length} more clusters` });
  return out;
}
