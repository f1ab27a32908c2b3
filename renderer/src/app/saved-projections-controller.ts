import type { ExplorerApi } from '../../../common/contract/contract';
import { SavedProjections } from '../ui/saved-projections';
import type { MapController } from './map-controller';
import type { ProjectionController } from './projection-controller';

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;

/** The "Saved projections" list: reopen, rename and delete earlier projections. */
export class SavedProjectionsController {
  private readonly list: SavedProjections;

  constructor(
    private readonly api: ExplorerApi,
    private readonly map: MapController,
    private readonly projections: ProjectionController,
  ) {
    this.list = new SavedProjections($<HTMLUListElement>('saved-list'), $('saved-count'), {
      open: (id) => void this.open(id),
      rename: (id, name) => void this.rename(id, name),
      remove: (id) => void this.remove(id),
    });
  }

  async refresh(): Promise<void> {
    try {
      this.list.show(await this.api.listProjections(), this.map.current?.id);
    } catch {
      // The list is a convenience; the map does not depend on it.
    }
  }

  async open(id: number): Promise<void> {
    const p = await this.api.getProjection({ id });
    if (p) {
      this.projections.show(p);
      void this.refresh();
    }
  }

  async rename(id: number, name: string): Promise<void> {
    await this.api.renameProjection({ id, name });
    if (this.map.current?.id === id) this.projections.setCaption(name);
    await this.refresh();
  }

  async remove(id: number): Promise<void> {
    await this.api.deleteProjection({ id });
    await this.refresh();
  }
}
