/**
 * How many points to draw while the camera moves, adapted to how long frames take on this
 * machine. A GPU draws 200,000 points in well under a frame and keeps drawing them all; software
 * GL (or a weak GPU) takes far longer, and then the map draws an even sample while it moves, never
 * fewer than `floor` points, and every point again as soon as the camera rests.
 */
export class MotionBudget {
  /** Points drawn per moving frame; Infinity until frames prove slow. */
  budget = Infinity;
  /** Smoothed interval between consecutive moving frames, ms (0 before the first pair). */
  intervalMs = 0;
  private lastMoving = 0;

  constructor(
    /** Fewest points drawn while moving. */
    readonly floor = 50_000,
    /** Frame interval aimed at while moving, ms (30 frames a second). */
    readonly targetMs = 33,
  ) {}

  /**
   * Call once per rendered frame with its time stamp, whether the camera moved in it and the
   * map's size; returns the number of points to draw in it (null: all of them).
   */
  frame(now: number, moving: boolean, points: number): number | null {
    if (!moving) {
      this.lastMoving = 0;
      return null;
    }
    const gap = this.lastMoving ? now - this.lastMoving : 0;
    this.lastMoving = now;
    // Gaps longer than half a second are pauses between gestures, not frame times.
    if (gap > 0 && gap < 500) {
      this.intervalMs = this.intervalMs ? 0.7 * this.intervalMs + 0.3 * gap : gap;
      const current = Math.min(this.budget, points);
      if (this.intervalMs > this.targetMs * 1.25 && points > this.floor) this.budget = Math.max(this.floor, Math.floor(current * 0.8));
      else if (this.intervalMs < this.targetMs * 0.7 && this.budget < Infinity) {
        const grown = Math.floor(current * 1.15);
        this.budget = grown >= points ? Infinity : grown;
      }
    }
    return this.budget >= points ? null : this.budget;
  }
}
