import type { ExplorerApi } from '../../../common/contract/contract';
import { ProjectionClient } from '../projection/projection-client';
import { ClusterController } from './cluster-controller';
import { TokenLens } from '../ui/token-lens';
import { VectorStrip } from '../ui/vector-strip';
import { TourController } from './tour-controller';
import { installDesktopHooks } from './desktop-hooks';
import { ExportController } from './export-controller';
import { MapController } from './map-controller';
import { attachProbe } from './probe';
import { ProjectionController } from './projection-controller';
import { SavedProjectionsController } from './saved-projections-controller';
import { SearchController } from './search-controller';
import { StatusController } from './status-controller';
import { TrainingController } from './training-controller';
import { VocabularyController } from './vocabulary-controller';
import { GeometryController } from './geometry-controller';

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;

/**
 * The page: builds the map and one controller per concern, and wires them to each other. A new
 * panel gets its own controller in this folder (constructed here, after the controllers it uses),
 * and talks to the map only through MapController. Order of construction is the order the
 * sidebar panels appear in.
 */
export function startApp(api: ExplorerApi): void {
  const stage = $('stage');
  const sidebar = document.querySelector<HTMLElement>('.sidebar')!;
  const projectionClient = new ProjectionClient();

  // Callbacks below reach controllers built after them; none is called before the end of this function.
  const map: MapController = new MapController(api, projectionClient, stage, {
    select: (word) => void search.search(word),
    pointsChanged: (text) => status.showLayout(text),
    queryChanged: (query) => {
      projections.panel.setQuery(query);
      training.queryChanged(query?.word ?? null);
    },
  });
  const search = new SearchController(api, map);
  const projections: ProjectionController = new ProjectionController(api, projectionClient, map, () => void saved.refresh());
  const saved = new SavedProjectionsController(api, map, projections);
  attachProbe(map);
  const vocabularies = new VocabularyController(api, sidebar, map, projections, search);
  const status = new StatusController(api, sidebar, {
    modelChanged: (active) => vocabularies.modelChanged(active),
    firstModelReady: () => {
      $('stage-message').textContent = 'Opening the map…';
      projections
        .start()
        .then(() => tour.offerOnce())
        .catch((e: Error) => ($('stage-message').textContent = `The map could not be shown: ${e.message}`));
    },
  });
  new ExportController(api, map, search);
  new GeometryController(api, map, search, sidebar, () => void saved.refresh());
  // Clusters, token lens, word vectors and the guided tour (issue 12).
  const clusters = new ClusterController(api, sidebar, map);
  const tokens = new TokenLens(sidebar, {
    api,
    words: () => map.current?.words ?? null,
    tint: (t) => {
      if (t) clusters.release();
      map.scene.setTinter(t);
    },
  });
  clusters.onColour = () => tokens.colourReleased();
  const vectors = new VectorStrip(sidebar, api);
  const tour = new TourController({ api, map, search, clusters, tokens, vectors }, stage);
  // The open lens and vector strip follow the selected word.
  new MutationObserver(() => {
    const word = stage.dataset.query;
    if (!word) return;
    if (vectors.element.open) void vectors.show(word);
    if (tokens.element.open && !/\s/.test(tokens.input.value.trim())) void tokens.show(word);
  }).observe(stage, { attributes: true, attributeFilter: ['data-query'] });
  const training = new TrainingController(api, sidebar, map);
  installDesktopHooks(api, {
    stage,
    resetCamera: () => map.scene.resetView(),
    openVocabulary: (f) => vocabularies.openFile(f),
    showError: (m) => status.showError(m),
  });
  $('reset-view').addEventListener('click', () => map.scene.resetView());
  search.focus();
  void status.refresh();
}
