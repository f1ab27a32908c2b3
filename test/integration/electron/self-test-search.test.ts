import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatch } from '../../../main/core/dispatch';
import { ExplorerService } from '../../../main/core/service';
import { checkNeighbours, SELF_TEST_EXPECTED, SELF_TEST_K, SELF_TEST_QUERY } from '../../../main/electron/self-test-checks';
import { sharedDefaultDb } from '../../helpers/temp';

let service: ExplorerService;
beforeAll(() => {
  service = ExplorerService.open({ dbPath: sharedDefaultDb() });
});
afterAll(() => service.close());

describe("the self-test's search on the real default model", () => {
  it('passes on the envelope the IPC handler returns for its request', async () => {
    // The same request the page script sends through window.explorerBridge, through the same dispatch as ipc.ts.
    const envelope = await dispatch(service, 'neighbors', { words: [SELF_TEST_QUERY], k: SELF_TEST_K });
    const check = checkNeighbours(envelope);
    expect(check.ok).toBe(true);
    expect(check.detail).toMatch(
      new RegExp(`^"${SELF_TEST_EXPECTED}" is among the ${SELF_TEST_K} neighbours of "${SELF_TEST_QUERY}" \\(cosine 0\\.\\d{4}\\)$`),
    );
  });

  it('fails, saying why, when the request is refused by validation', async () => {
    const check = checkNeighbours(await dispatch(service, 'neighbors', { words: [SELF_TEST_QUERY], k: 0 }));
    expect(check.ok).toBe(false);
    expect(check.detail).toMatch(/^the call failed: /);
  });
});
