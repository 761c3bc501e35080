/**
 * Just enough of Source Map v3 to map a position in the compiled bundle back to the user's
 * file and line: decode the VLQ `mappings` and look up the segment at or before a column.
 */

/** A position in an original source file (1-based line and column). */
export interface OriginalPosition {
  file: string;
  line: number;
  column: number;
}

/** Maps a 1-based line and column of the bundle to the original position. */
export type PositionMapper = (line: number, column: number) => OriginalPosition | undefined;

const base64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const digit = new Map([...base64].map((c, i) => [c, i]));

function decodeSegment(segment: string): number[] {
  const values: number[] = [];
  let value = 0;
  let shift = 0;
  for (const ch of segment) {
    const d = digit.get(ch);
    if (d === undefined) return values;
    value += (d & 31) << shift;
    if (d & 32) shift += 5;
    else {
      values.push(value & 1 ? -(value >>> 1) : value >>> 1);
      value = 0;
      shift = 0;
    }
  }
  return values;
}

type Segment = [genColumn: number, source: number, line: number, column: number];

/** Decodes `mappings` into segments per generated line (0-based numbers throughout). */
export function decodeMappings(mappings: string): Segment[][] {
  const lines: Segment[][] = [];
  let source = 0;
  let line = 0;
  let column = 0;
  for (const text of mappings.split(';')) {
    const segments: Segment[] = [];
    let genColumn = 0;
    for (const raw of text.split(',')) {
      if (raw === '') continue;
      const v = decodeSegment(raw);
      genColumn += v[0] ?? 0;
      if (v.length >= 4) {
        source += v[1]!;
        line += v[2]!;
        column += v[3]!;
        segments.push([genColumn, source, line, column]);
      }
    }
    lines.push(segments);
  }
  return lines;
}

/**
 * A mapper for one source map. `resolveSource` turns a `sources` entry into a file path.
 */
export function createMapper(map: { sources: string[]; mappings: string }, resolveSource: (source: string) => string): PositionMapper {
  const lines = decodeMappings(map.mappings);
  const files = map.sources.map(resolveSource);
  return (line, column) => {
    const segments = lines[line - 1];
    if (!segments || segments.length === 0) return undefined;
    let best = segments[0]!;
    for (const s of segments) {
      if (s[0] <= column - 1) best = s;
      else break;
    }
    const file = files[best[1]];
    return file === undefined ? undefined : { file, line: best[2] + 1, column: best[3] + 1 };
  };
}
