import { ArrowHelper, Group, type Vector3 } from 'three';
import type { SceneOverlay } from './scene-view';
import { readTheme } from './theme';

/**
 * The arrows of an analogy, a→b and c→answer, in the accent colour over the map, so the
 * parallelogram of "a is to b as c is to ?" can be seen. Labels come from the label layer (the
 * four words are highlighted first); this layer draws only the arrows.
 */
export class AnalogyLayer implements SceneOverlay {
  readonly object = new Group();

  constructor() {
    this.object.renderOrder = 4;
  }

  /** Replaces the arrows; each pair is [from, to] in scene coordinates. */
  set(arrows: [Vector3, Vector3][]): void {
    this.clear();
    const color = readTheme().accent;
    for (const [from, to] of arrows) {
      const dir = to.clone().sub(from);
      const length = dir.length();
      if (length < 1e-6) continue;
      // A slim head, small beside the arrow, so it points without hiding the words at its tip.
      const head = Math.min(0.025, length * 0.12);
      const arrow = new ArrowHelper(dir.normalize(), from, length, color, head, head * 0.45);
      for (const part of [arrow.line, arrow.cone]) {
        const material = part.material as { depthTest: boolean; transparent: boolean; opacity: number };
        material.depthTest = false;
        material.transparent = true;
        material.opacity = 0.95;
        part.renderOrder = 7;
      }
      this.object.add(arrow);
    }
  }

  clear(): void {
    for (const child of [...this.object.children]) {
      this.object.remove(child);
      (child as ArrowHelper).dispose();
    }
  }

  get count(): number {
    return this.object.children.length;
  }
}
