import { Vector3 } from 'three';

const FLY_MS = 500;
const ease = (t: number) => (t < 0.5 ? 4 * t * t * t : 1 - (-2 * t + 2) ** 3 / 2);

/** An eased camera move (~0.5 s) of the orbit target and the camera position together. */
export class CameraFlight {
  private fly: { from: [Vector3, Vector3]; to: [Vector3, Vector3]; start: number } | null = null;

  /**
   * Starts a flight from where target and position are now; returns false when the user prefers
   * reduced motion, in which case both are moved at once and no frames are needed.
   */
  start(target: Vector3, position: Vector3, toTarget: Vector3, toPosition: Vector3): boolean {
    if (window.matchMedia('(prefers-reduced-motion: reduce)').matches) {
      target.copy(toTarget);
      position.copy(toPosition);
      return false;
    }
    this.fly = { from: [target.clone(), position.clone()], to: [toTarget, toPosition], start: performance.now() };
    return true;
  }

  /** Drops the flight (the user took the controls). */
  cancel(): void {
    this.fly = null;
  }

  /** Moves target and position to where the flight is at `now`; true while it is under way. */
  step(now: number, target: Vector3, position: Vector3): boolean {
    if (!this.fly) return false;
    const t = Math.min(1, (now - this.fly.start) / FLY_MS);
    const k = ease(t);
    target.lerpVectors(this.fly.from[0], this.fly.to[0], k);
    position.lerpVectors(this.fly.from[1], this.fly.to[1], k);
    if (t >= 1) this.fly = null;
    return true;
  }
}
