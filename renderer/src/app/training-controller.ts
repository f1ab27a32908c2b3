import type { ExplorerApi } from '../../../common/contract/contract';
import { rgb } from '../ui/label-palette';
import { ComparePanel } from '../ui/compare-panel';
import { TrainPanel } from '../ui/train-panel';
import type { MapController } from './map-controller';

/** Low overlap to high: Okabe–Ito orange to blue, told apart with any colour vision. */
const DIFFER = rgb('#E69F00');
const AGREE = rgb('#0072B2');

/**
 * Training a model on the user's text, and comparing the active model with another: the two
 * panels, their job progress and model lists, and colouring the map by neighbourhood overlap.
 */
export class TrainingController {
  private readonly train: TrainPanel;
  private readonly compare: ComparePanel;

  constructor(
    private readonly api: ExplorerApi,
    sidebar: HTMLElement,
    map: MapController,
  ) {
    this.train = new TrainPanel(api, sidebar, () => void this.refresh());
    this.compare = new ComparePanel(api, sidebar, {
      mapWords: () => map.current?.words.slice() ?? [],
      colour: (scores) =>
        map.scene.setTinter(
          scores &&
            ((words) => {
              const tints = new Float32Array(words.length * 4);
              words.forEach((w, p) => {
                const j = scores.get(w);
                if (j === undefined) return;
                tints.set([0, 1, 2].map((c) => DIFFER[c] + (AGREE[c] - DIFFER[c]) * j).concat(1), p * 4);
              });
              return tints;
            }),
        ),
    });
    api.onEvent((event) => {
      if (event.type === 'job') this.train.onJob(event.job);
      if (event.type === 'models-changed') void this.refresh();
    });
    void this.refresh();
  }

  /** The query shown on the map, offered to the comparison. */
  queryChanged(word: string | null): void {
    if (word) this.compare.setWord(word);
  }

  private async refresh(): Promise<void> {
    const s = await this.api.status().catch(() => null);
    if (s) this.compare.showModels(s.models, s.activeModel);
  }
}
