import type { ExplorerApi } from '../../../common/contract/contract';
import { VocabLabels } from '../ui/vocab-labels';
import { VocabPanel } from '../ui/vocab-panel';
import type { MapController } from './map-controller';
import type { ProjectionController } from './projection-controller';
import type { SearchController } from './search-controller';

/**
 * Vocabularies: the panel (load, preview, saved lists), colouring the map by a vocabulary's
 * labels with a legend, projecting a vocabulary alone, and the neighbour-list filter.
 */
export class VocabularyController {
  private readonly labels: VocabLabels;
  private readonly panel: VocabPanel;
  private shownModel: string | null = null;

  constructor(api: ExplorerApi, sidebar: HTMLElement, map: MapController, projections: ProjectionController, search: SearchController) {
    this.labels = new VocabLabels(map, map.stage);
    this.panel = new VocabPanel(api, sidebar, {
      show: (v) => {
        this.labels.show(v);
        void projections.run({ kind: 'vocabulary', vocabularyId: v.id }, null);
      },
      colour: (v) => this.labels.show(v),
      filterChanged: (words) => search.setFilter(words),
    });
  }

  /** A vocabulary file from outside the panel (File ▸ Open Vocabulary… on the desktop): to the preview. */
  openFile(file: File): void {
    void this.panel.load(file);
  }

  /** The active model changed: labels of the old one go, the list shows the new one's vocabularies. */
  modelChanged(active: string | null): void {
    if (active === this.shownModel) return;
    if (this.shownModel !== null) this.labels.clear();
    this.shownModel = active;
    if (active) void this.panel.refresh();
  }
}
