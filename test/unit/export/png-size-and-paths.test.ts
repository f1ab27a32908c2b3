import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectorPaths } from '../../../main/core/export/exporter';
import { exportValidators } from '../../../common/contract/validate-export';
import { MAX_PNG_SIDE, pngSize } from '../../../renderer/src/ui/png-size';
import { tempDir } from '../../helpers/temp';

describe('PNG size', () => {
  it('is 1×, 2× or 4× the map, capped at 8K on the long side keeping the aspect', () => {
    expect(pngSize(1200, 760, 2)).toEqual({ width: 2400, height: 1520, factor: 2 });
    const big = pngSize(2560, 1440, 4);
    expect(big.width).toBe(MAX_PNG_SIDE);
    expect(big.height).toBe(Math.round(1440 * (MAX_PNG_SIDE / 2560)));
  });
});

describe('Projector pair paths', () => {
  const dir = tempDir();
  it('puts both files in a folder, or the metadata beside a vectors file', () => {
    expect(projectorPaths(dir)).toEqual({ vectors: path.join(dir, 'vectors.tsv'), metadata: path.join(dir, 'metadata.tsv') });
    expect(projectorPaths(path.join(dir, 'new') + path.sep).metadata).toBe(path.join(dir, 'new', 'metadata.tsv'));
    expect(projectorPaths(path.join(dir, 'vectors.tsv')).metadata).toBe(path.join(dir, 'metadata.tsv'));
    expect(projectorPaths(path.join(dir, 'glove.tsv')).metadata).toBe(path.join(dir, 'glove-metadata.tsv'));
  });
});

describe('export request validation', () => {
  const { exportProjection, exportNeighbors } = exportValidators;
  it('accepts a full request and normalises defaults', () => {
    const camera = { position: [0, 0, 5], target: [0, 0, 0], up: [0, 1, 0], fov: 45, aspect: 1.5 };
    expect(
      exportProjection({ id: 'latest', format: 'svg', camera, width: 800, height: 600, theme: 'light', transparent: true }),
    ).toMatchObject({ id: 'latest', format: 'svg', camera, theme: 'light' });
    expect(exportNeighbors({ word: 'virtue', format: 'md' })).toEqual({ word: 'virtue', format: 'md', k: 10, model: undefined });
  });
  it.each([
    [{ id: 'latest', format: 'pdf' }, /format must be one of csv, json, tsv, svg, html/],
    [{ id: 0, format: 'csv' }, /id must be a positive whole number/],
    [{ format: 'csv' }, /give a projection id/],
    [{ id: 1, format: 'csv', extra: 1 }, /unknown field "extra"/],
    [
      { id: 1, format: 'svg', camera: { position: [0, 0], target: [0, 0, 0], up: [0, 1, 0], fov: 45, aspect: 1 } },
      /camera.position must be three finite numbers/,
    ],
    [{ id: 1, format: 'svg', width: 100000 }, /width must be between 16 and 16384/],
  ])('rejects %j', (req, message) => {
    expect(() => exportProjection(req)).toThrow(message);
  });
  it('rejects a neighbour table without a format', () => {
    expect(() => exportNeighbors({ word: 'virtue' })).toThrow(/give a format/);
  });
});
