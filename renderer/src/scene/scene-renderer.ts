import { type PerspectiveCamera, WebGLRenderer } from 'three';
import { OrbitControls } from 'three/examples/jsm/controls/OrbitControls.js';
import type { SceneTheme } from './theme';

/** The map's WebGL renderer, its canvas labelled for assistive technology. */
export function createSceneRenderer(theme: SceneTheme): WebGLRenderer {
  // No MSAA: points and rings are anti-aliased in their shaders, and multisampling is costly
  // on software GL; the few neighbour lines are thin enough not to need it.
  const renderer = new WebGLRenderer({ antialias: false, powerPreference: 'high-performance' });
  renderer.setClearColor(theme.background, 1);
  renderer.domElement.className = 'scene-canvas';
  renderer.domElement.setAttribute('aria-label', 'Word map: drag to orbit, scroll to zoom, right-drag to pan');
  renderer.domElement.setAttribute('role', 'img');
  return renderer;
}

/** Orbit controls as the map wants them: damped, so a drag glides to rest, and zoom bounded both ways. */
export function createOrbitControls(camera: PerspectiveCamera, canvas: HTMLCanvasElement): OrbitControls {
  const controls = new OrbitControls(camera, canvas);
  controls.enableDamping = true;
  controls.dampingFactor = 0.12;
  controls.rotateSpeed = 0.7;
  controls.zoomSpeed = 1.1;
  controls.minDistance = 0.05;
  controls.maxDistance = 20;
  return controls;
}
