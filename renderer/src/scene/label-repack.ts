import type { LabelLayer } from './labels';
import type { ScreenProjector } from './screen-picker';

const PACK_EVERY_MS = 120;

/**
 * When the word labels are packed again. Packing is the costly part of a frame, so it runs at
 * most every 120 ms; frames in between only move the chosen labels along, and one more frame is
 * asked for shortly after motion stops, so the view the user rests on gets the best labels.
 */
export class LabelRepack {
  private lastPack = 0;
  private timer = 0;

  /** Packs on the next frame whatever the throttle says (new layout, highlight, size). */
  force(): void {
    this.lastPack = 0;
  }

  /** True while the follow-up frame is still to come. */
  get pending(): boolean {
    return this.timer !== 0;
  }

  /** Packs or moves the labels for the frame at `now`; `requestRender(true)` asks for the follow-up frame. */
  frame(labels: LabelLayer, projector: ScreenProjector, now: number, requestRender: (repack: boolean) => void): void {
    clearTimeout(this.timer);
    this.timer = 0;
    if (now - this.lastPack >= PACK_EVERY_MS) {
      labels.pack(projector);
      this.lastPack = now;
    } else {
      labels.follow(projector);
      this.timer = window.setTimeout(() => {
        this.timer = 0;
        requestRender(true);
      }, PACK_EVERY_MS + 30);
    }
  }

  dispose(): void {
    clearTimeout(this.timer);
  }
}
