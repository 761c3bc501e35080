/**
 * A YAML stream read one document at a time. `parseAllDocuments` of the `yaml` package builds
 * every document's syntax tree before it returns the first: 50 MB of manifests took 1.8 GB and
 * 200 MB ended in V8's out-of-memory abort. Composing documents lazily (the package's own Parser
 * and Composer, with the same options) keeps one tree at a time.
 */
import type { Document, DocumentOptions, LineCounter, ParseOptions, SchemaOptions, YAMLError } from 'yaml';
import { yaml } from '../util/yaml-lib.ts';

/** Options of {@link yamlDocuments}: those of `parseAllDocuments`, with a line counter to fill. */
export type YamlStreamOptions = ParseOptions & DocumentOptions & SchemaOptions & { lineCounter: LineCounter };

/**
 * The documents of `text`, composed one at a time, each as `parseAllDocuments` gives it, except
 * that errors and warnings end with ` at line L, column C` and carry `linePos` but no excerpt
 * of the source (kasane prints its own).
 */
export function* yamlDocuments(text: string, options: YamlStreamOptions): Generator<Document.Parsed> {
  const lib = yaml();
  const lines = options.lineCounter;
  const parser = new lib.Parser(lines.addNewLine);
  const composer = new lib.Composer(options);
  const place = (problem: YAMLError): void => {
    if (problem.pos[0] === -1) return;
    problem.linePos = [lines.linePos(problem.pos[0]), lines.linePos(problem.pos[1])];
    problem.message += ` at line ${problem.linePos[0].line}, column ${problem.linePos[0].col}`;
  };
  for (const doc of composer.compose(parser.parse(text))) {
    doc.errors.forEach(place);
    doc.warnings.forEach(place);
    yield doc;
  }
}

/**
 * `value` with every string flattened. The package builds quoted scalars piece by piece, and V8
 * keeps such a string as a rope of 32-byte pieces until something reads it: a 600-character
 * quoted value held ~20 kB, seven times the YAML it came from. Reading a character flattens the
 * rope in place; the value is unchanged.
 */
export function compactStrings<T>(value: T): T {
  const stack: unknown[] = [value];
  while (stack.length) {
    const v = stack.pop();
    if (typeof v === 'string') v.charCodeAt(0);
    else if (Array.isArray(v)) stack.push(...v);
    else if (v !== null && typeof v === 'object') {
      for (const key of Object.keys(v)) {
        key.charCodeAt(0);
        stack.push((v as Record<string, unknown>)[key]);
      }
    }
  }
  return value;
}
