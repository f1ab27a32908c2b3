import type { ExplorerApi } from '../../../common/contract/contract';
import { ExportPanel } from '../ui/export-panel';
import type { MapController } from './map-controller';
import type { SearchController } from './search-controller';

/** Exports: the Export panel over the map on screen and the current query (Ctrl/⌘+E opens it). */
export class ExportController {
  readonly panel: ExportPanel;

  constructor(api: ExplorerApi, map: MapController, search: SearchController) {
    this.panel = new ExportPanel(api, { scene: map.scene, stage: map.stage, query: () => search.query, layout: () => map.current });
  }
}
