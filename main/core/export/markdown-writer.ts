import type { Neighbor } from '../../../common/contract/contract';

/** Escapes text for a Markdown table cell: pipes, backslashes and inline markup stay literal. */
export function markdownCell(s: string): string {
  return s.replace(/[\\|`*_[\]<>#]/g, (c) => `\\${c}`).replace(/[\r\n]+/g, ' ');
}

/**
 * A neighbour table as Markdown, with a caption line naming the query and model so a pasted
 * table keeps its provenance.
 */
export function neighboursMarkdown(query: string, model: string, neighbors: Neighbor[]): string {
  const lines = [
    `Nearest neighbours of **${markdownCell(query)}** (${markdownCell(model)}, cosine similarity)`,
    '',
    '| Rank | Word | Similarity |',
    '|---:|:---|---:|',
    ...neighbors.map((n, i) => `| ${i + 1} | ${markdownCell(n.word)} | ${n.similarity.toFixed(4)} |`),
  ];
  return `${lines.join('\n')}\n`;
}
