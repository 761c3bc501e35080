/**
 * Reads the fenced code blocks of the user documentation (docs/*.md) and groups them the way
 * samples.test.ts checks them. The convention is described at the top of samples.test.ts.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

/** One fenced code block of a page. */
export interface DocBlock {
  /** Page file name, e.g. `api.md`. */
  page: string;
  /** 1-based line of the first line of code (the line after the opening fence). */
  line: number;
  /** First word of the info string, e.g. `ts`, `yaml`, `sh`. */
  lang: string;
  /** Bare words of the info string after the language, e.g. `snippet`, `output`, `run`. */
  flags: Set<string>;
  /** `key=value` words of the info string, e.g. `file=components/api.ts`. */
  attrs: Map<string, string>;
  body: string;
}

/** `api.md:12`, for messages. */
export function where(block: DocBlock): string {
  return `docs/${block.page}:${block.line}`;
}

/** The blocks of one markdown text, in order. Fences are three backticks at the line start. */
export function parseBlocks(page: string, text: string): DocBlock[] {
  const lines = text.split('\n');
  const blocks: DocBlock[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = /^```(\S*)(.*)$/.exec(lines[i]!);
    if (!open) continue;
    const start = i + 1;
    let end = start;
    while (end < lines.length && !/^```\s*$/.test(lines[end]!)) end++;
    const flags = new Set<string>();
    const attrs = new Map<string, string>();
    for (const word of open[2]!.trim().split(/\s+/).filter(Boolean)) {
      const eq = word.indexOf('=');
      if (eq > 0) attrs.set(word.slice(0, eq), word.slice(eq + 1));
      else flags.add(word);
    }
    blocks.push({ page, line: start + 1, lang: open[1]!, flags, attrs, body: lines.slice(start, end).join('\n') + '\n' });
    i = end;
  }
  return blocks;
}

/** Every page under `docsDir`, sorted by name, with its blocks. */
export function readPages(docsDir: string): { page: string; blocks: DocBlock[] }[] {
  return readdirSync(docsDir)
    .filter((f) => f.endsWith('.md'))
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
    .map((page) => ({ page, blocks: parseBlocks(page, readFileSync(path.join(docsDir, page), 'utf8')) }));
}

/** True for a TypeScript block. */
export function isTypeScript(block: DocBlock): boolean {
  return block.lang === 'ts' || block.lang === 'typescript' || block.lang === 'tsx';
}

/** True for a block a test runs: a TypeScript block or an `sh run` block. */
export function isSample(block: DocBlock): boolean {
  return isTypeScript(block) || (block.lang === 'sh' && block.flags.has('run'));
}

/** The project a block belongs to: its `project=` attribute, else `main`. */
export function projectOf(block: DocBlock): string {
  return block.attrs.get('project') ?? 'main';
}

/** A block showing expected output, with the sample it belongs to (the closest one above). */
export interface OutputBlock {
  output: DocBlock;
  sample: DocBlock;
}

/**
 * The output blocks of a page (info string contains `output`), each paired with the closest
 * sample above it.
 * @throws when an output block has no sample above it.
 */
export function outputsOf(blocks: readonly DocBlock[]): OutputBlock[] {
  const out: OutputBlock[] = [];
  let sample: DocBlock | undefined;
  for (const block of blocks) {
    if (isSample(block)) sample = block;
    else if (block.flags.has('output')) {
      if (!sample) throw new Error(`${where(block)}: an output block needs a sample above it`);
      out.push({ output: block, sample });
    }
  }
  return out;
}

/** The names an entry point's source exports (`export { … } from` lines), split into values and types. */
export function publicNames(indexSource: string): { values: string[]; types: string[] } {
  const values: string[] = [];
  const types: string[] = [];
  for (const m of indexSource.matchAll(/export\s+(type\s+)?\{([^}]*)\}\s*from/g)) {
    const names = m[2]!
      .split(',')
      .map((n) => n.trim())
      .filter(Boolean);
    (m[1] ? types : values).push(...names);
  }
  return { values, types };
}
