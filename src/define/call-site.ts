/**
 * Where a user's declaration was written: the first stack frame outside kasane itself.
 * Used for provenance (`defineComponent`, `.with()`, patches, generators) so findings can name
 * file:line.
 */
import type { SourceLocation } from '../errors.ts';
import { firstUserFrame, firstUserFrameOf } from '../util/stack-frames.ts';

/**
 * True when stack text is formatted without mapping positions: nobody set a formatter, or it is
 * Node's own default (Node 20 installs one named `ErrorPrepareStackTrace`).
 */
function formatsOnly(formatter: unknown): boolean {
  return formatter === undefined || (typeof formatter === 'function' && formatter.name === 'ErrorPrepareStackTrace');
}

/** Options of {@link callSite}. */
export interface CallSiteOptions {
  /**
   * Count frames in installed packages (node_modules) too: where a library's compiled code
   * called, rather than the user's line that led there.
   * @default false
   */
  libraries?: boolean;
}

/**
 * The first frame of the current stack that is not in kasane's own files (nor, by default, in
 * an installed package), or undefined.
 * Reads V8's structured call sites instead of formatting the stack as text: a project with
 * thousands of declarations calls this thousands of times. A frame in the compiled bundle of
 * the user's files is returned before its position is looked up (see `firstUserFrameOf`).
 */
export function callSite(options: CallSiteOptions = {}): SourceLocation | undefined {
  const libraries = options.libraries ?? false;
  const previous = Error.prepareStackTrace;
  // Someone maps stacks already (a test runner's source maps over code it transformed): read
  // its text, which points at the lines our own source map knows.
  if (!formatsOnly(previous)) return firstUserFrame(new Error().stack ?? '', libraries);
  const previousLimit = Error.stackTraceLimit;
  const holder: { stack?: unknown } = {};
  try {
    Error.stackTraceLimit = 12;
    Error.prepareStackTrace = (_error, frames) => frames;
    Error.captureStackTrace(holder, callSite);
    const frames = holder.stack as NodeJS.CallSite[] | undefined;
    if (!Array.isArray(frames)) return firstUserFrame(String(holder.stack ?? ''));
    return firstUserFrameOf(frames, libraries);
  } finally {
    Error.prepareStackTrace = previous;
    Error.stackTraceLimit = previousLimit;
  }
}
