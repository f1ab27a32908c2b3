import type { MapController } from './map-controller';

/**
 * Read-mostly handle for the e2e tests and the scene bench (window.explorerProbe): where a word is
 * on screen, which labels show, draw calls, and a scripted orbit that reports frame times. It
 * exposes nothing the page cannot already do.
 */
export interface ExplorerProbe {
  screenOf(word: string): { x: number; y: number } | null;
  labels(): string[];
  info(): { calls: number; points: number; cpuMs: number };
  /** Longest CPU time of one rendered frame so far, ms. */
  maxFrameMs(): number;
  /** Orbits the camera for `frames` animation frames; resolves to the frame intervals in ms. */
  orbit(frames: number): Promise<number[]>;
  /** Shows n synthetic points (for measuring the scene alone at 50,000 points). */
  synthetic(n: number): void;
  /** Level of detail while moving on (default) or off (every point in every frame). */
  setMotionLod(on: boolean): void;
  /** Points drawn in the last frame, and the budget while moving (null: every point). */
  drawn(): { last: number; budget: number | null; intervalMs: number };
  /** Forgets the frame times recorded so far (the bench measures one orbit at a time). */
  resetFrames(): void;
  /** CPU time of each rendered frame since the last reset (render + labels), ms. */
  frameWork(): number[];
  /**
   * Hover picking: times `samples` look-ups at seeded canvas positions after the camera moved;
   * `firstMs` is a first look-up (it builds the screen index), the rest are look-ups against it.
   */
  pickTiming(samples: number): { firstMs: number; meanMs: number; hits: number };
  /**
   * Resolves once the map has settled: no fly-to, layout streaming, placement or label repack
   * still to come (see Settled). Tests wait on this instead of sleeping.
   */
  settled(): Promise<void>;
}

declare global {
  interface Window {
    explorerProbe?: ExplorerProbe;
  }
}

export function attachProbe(map: MapController): void {
  const scene = map.scene;
  window.explorerProbe = {
    screenOf: (word) => {
      const i = scene.indexOf(word);
      return i < 0 ? null : scene.screenOf(i);
    },
    labels: () => scene.labels.visibleWords(),
    maxFrameMs: () => scene.maxFrameMs,
    info: () => {
      const t = [...scene.frameTimes].sort((a, b) => a - b);
      return { ...scene.info(), cpuMs: t[Math.floor(t.length / 2)] ?? 0 };
    },
    orbit: (frames) =>
      new Promise((resolve) => {
        const times: number[] = [];
        let last = performance.now();
        let left = frames;
        const step = () => {
          const now = performance.now();
          times.push(now - last);
          last = now;
          scene.controls.autoRotate = true;
          scene.controls.autoRotateSpeed = 30;
          scene.requestRender();
          if (--left > 0) requestAnimationFrame(step);
          else {
            scene.controls.autoRotate = false;
            resolve(times.slice(1));
          }
        };
        requestAnimationFrame(step);
      }),
    settled: () => map.settled.whenSettled(),
    setMotionLod: (on) => {
      scene.motionLod = on;
    },
    drawn: () => ({
      last: scene.drawnPoints,
      budget: Number.isFinite(scene.motion.budget) ? scene.motion.budget : null,
      intervalMs: scene.motion.intervalMs,
    }),
    resetFrames: () => {
      scene.frameTimes.length = 0;
      scene.maxFrameMs = 0;
    },
    frameWork: () => [...scene.frameTimes],
    pickTiming: (samples) => {
      let s = 987654;
      const rnd = () => (s = (s * 1103515245 + 12345) >>> 0) / 4294967296;
      const { width, height } = scene.renderer.domElement.getBoundingClientRect();
      // The first look-up after a camera move builds the screen index: the median of five.
      const builds: number[] = [];
      for (let b = 0; b < 5; b++) {
        scene.invalidatePicking();
        const t0 = performance.now();
        scene.pickAt(rnd() * width, rnd() * height);
        builds.push(performance.now() - t0);
      }
      const firstMs = builds.sort((a, b) => a - b)[2];
      // The clock is coarse (0.1 ms): time the look-ups together for their mean.
      let hits = 0;
      const t0 = performance.now();
      for (let k = 0; k < samples; k++) if (scene.pickAt(rnd() * width, rnd() * height) >= 0) hits++;
      const meanMs = (performance.now() - t0) / Math.max(1, samples);
      return { firstMs, meanMs, hits };
    },
    synthetic: (n) => {
      // Clustered pseudo-random points, seeded, so every run draws the same picture.
      let s = 1234567;
      const rnd = () => (s = (s * 1103515245 + 12345) >>> 0) / 4294967296;
      const coords = new Float32Array(n * 3);
      const centres = Array.from({ length: 40 }, () => [rnd() * 20 - 10, rnd() * 20 - 10, rnd() * 20 - 10]);
      for (let i = 0; i < n; i++) {
        const c = centres[i % centres.length];
        for (let d = 0; d < 3; d++) coords[i * 3 + d] = c[d] + (rnd() + rnd() + rnd() - 1.5) * 3;
      }
      const words = Array.from({ length: n }, (_, i) => `w${i}`);
      scene.setLayout(words, coords, Int32Array.from(words.keys()));
    },
  };
}
