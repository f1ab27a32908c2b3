import type { Cluster, ExplorerApi, ProjectionClusters } from '../../../common/contract/contract';
import { ClusterLabelsLayer } from '../scene/cluster-labels-layer';
import { ClusterPanel } from '../ui/cluster-panel';
import { clusterTints } from '../ui/cluster-colours';
import { Latest } from './latest';
import type { MapController } from './map-controller';

/**
 * Clusters of the saved projection on screen: fetched from the core (computed there once and
 * stored with the projection, so the page never does the work), named on the map, listed in the
 * panel, and optionally colouring the points. Follows the map's projection id.
 */
export class ClusterController {
  readonly panel: ClusterPanel;
  readonly layer: ClusterLabelsLayer;
  private current: ProjectionClusters | null = null;
  private readonly loading = new Latest();
  private namesOn = true;
  private colourOn = false;
  /** Called when cluster colouring takes over the points (other colourings step back). */
  onColour: (() => void) | null = null;

  constructor(
    private readonly api: ExplorerApi,
    sidebar: HTMLElement,
    private readonly map: MapController,
  ) {
    this.layer = new ClusterLabelsLayer(map.stage);
    map.scene.overlays.push((p) => {
      this.layer.setVisible(this.namesOn && !map.stage.dataset.query);
      this.layer.update(p);
      map.scene.labels.reserved = this.layer.boxes;
    });
    this.panel = new ClusterPanel(sidebar, {
      flyTo: (c) => this.flyTo(c),
      showNames: (on) => {
        this.namesOn = on;
        map.scene.requestRender(true);
      },
      colour: (on) => this.setColour(on),
    });
    new MutationObserver(() => void this.load()).observe(map.stage, { attributes: true, attributeFilter: ['data-projection-id'] });
  }

  get clusters(): ProjectionClusters | null {
    return this.current;
  }

  /** Frames a cluster's most central members. */
  flyTo(c: Cluster): void {
    const layout = this.map.current;
    if (!layout) return;
    if (this.map.stage.dataset.query) this.map.clearQuery();
    const indices = c.words.slice(0, 60).map((w) => layout.index.get(w) ?? -1);
    this.map.scene.flyTo(indices.filter((i) => i >= 0));
    this.map.stage.dataset.cluster = String(c.id);
  }

  setColour(on: boolean): void {
    this.colourOn = on;
    this.panel.colourBox.checked = on;
    if (on) this.onColour?.();
    this.applyColour();
  }

  /** Another colouring took over the points: just uncheck (the points are no longer ours to clear). */
  release(): void {
    this.colourOn = false;
    this.panel.colourBox.checked = false;
  }

  private applyColour(): void {
    const assignment = this.current?.assignment;
    if (this.colourOn && assignment) this.map.scene.setTinter((words) => clusterTints(assignment, words.length));
    else if (!this.colourOn) this.map.scene.setTinter(null);
  }

  private async load(): Promise<void> {
    const id = Number(this.map.stage.dataset.projectionId);
    delete this.map.stage.dataset.clusters;
    if (!id) {
      this.current = null;
      this.layer.set([]);
      this.panel.clear('Clusters appear once the map is saved.');
      return;
    }
    this.panel.clear('Finding clusters…');
    // Marks for the bench: the page's long tasks between them are what clustering costs it.
    performance.mark('ee:clusters-start');
    try {
      const got = await this.loading.run(() => this.api.clusters({ id }));
      if (!got) return;
      this.current = got;
      this.layer.set(got.clusters.map((c) => ({ id: c.id, name: c.name, size: c.size, point: c.anchorPoint })));
      this.panel.show(got.clusters, got.method);
      this.applyColour();
      this.map.scene.requestRender(true);
      this.map.stage.dataset.clusters = String(got.clusters.length);
      performance.mark('ee:clusters-done');
    } catch (e) {
      this.panel.clear(`Clusters could not be found: ${(e as Error).message}`);
    }
  }
}
