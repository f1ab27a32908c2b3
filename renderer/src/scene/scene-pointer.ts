/** What the canvas's pointer handling asks of the scene. */
export interface PointerTarget {
  pickAt(x: number, y: number, radius?: number): number;
  setHover(index: number): void;
  resetView(): void;
  hover(index: number, clientX: number, clientY: number): void;
  pick(index: number): void;
}

/**
 * Hover, click and double-click on the map's canvas. Hover picking runs at most once per
 * animation frame (pointer moves come faster than frames) and not while a button is held, since
 * that is an orbit or pan; a click is a press and release close in place and time, so a drag never
 * picks.
 */
export function bindScenePointer(canvas: HTMLCanvasElement, target: PointerTarget): void {
  const local = (e: PointerEvent | MouseEvent) => {
    const r = canvas.getBoundingClientRect();
    return { x: e.clientX - r.left, y: e.clientY - r.top };
  };
  let pendingPointer: PointerEvent | null = null;
  let down: { x: number; y: number; t: number } | null = null;
  let scheduled = false;
  canvas.addEventListener('pointermove', (e) => {
    pendingPointer = e;
    if (scheduled || e.buttons) return;
    scheduled = true;
    requestAnimationFrame(() => {
      scheduled = false;
      const ev = pendingPointer;
      if (!ev) return;
      const { x, y } = local(ev);
      const i = target.pickAt(x, y);
      target.setHover(i);
      canvas.style.cursor = i >= 0 ? 'pointer' : '';
      target.hover(i, ev.clientX, ev.clientY);
    });
  });
  canvas.addEventListener('pointerleave', () => {
    pendingPointer = null;
    target.setHover(-1);
    target.hover(-1, 0, 0);
  });
  canvas.addEventListener('pointerdown', (e) => (down = { x: e.clientX, y: e.clientY, t: performance.now() }));
  canvas.addEventListener('pointerup', (e) => {
    const d = down;
    down = null;
    if (!d || e.button !== 0 || Math.hypot(e.clientX - d.x, e.clientY - d.y) > 5 || performance.now() - d.t > 600) return;
    const { x, y } = local(e);
    const i = target.pickAt(x, y, 12);
    if (i >= 0) target.pick(i);
  });
  canvas.addEventListener('dblclick', () => target.resetView());
}
