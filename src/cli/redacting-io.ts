/**
 * The one gate every command's output passes through: `run` wraps the CLI's io so that each
 * write to stdout and stderr has the secret values met so far replaced by `<redacted>`.
 * Commands add what they meet (a render's `secretValues`, the Secrets of a file they read,
 * less what the output shows in the clear anyway) with {@link rememberSecrets}; findings are
 * redacted by the library already, so this is the safety net for everything else: diffs,
 * explanations, notes, an internal error's text.
 *
 * The only unredacted output is the rendered YAML of `render --stdout`
 * ({@link writeSecretOutput}), where a plain Secret's values are the point.
 */
import { makeScrubber, type Scrubber } from '../secrets/redact.ts';
import type { CliIo } from './io.ts';

interface Gate {
  /** The io that was wrapped. */
  raw: CliIo;
  values: Set<string>;
  /** Rebuilt lazily after new values arrive. */
  scrub?: Scrubber;
}

const gates = new WeakMap<CliIo, Gate>();

function scrubberOf(gate: Gate): Scrubber {
  gate.scrub ??= makeScrubber(gate.values);
  return gate.scrub;
}

/** `io` with every write to stdout and stderr redacted (see the module comment). */
export function redactingIo(io: CliIo): CliIo {
  const gate: Gate = { raw: io, values: new Set() };
  const wrapped: CliIo = {
    ...io,
    stdout: (text) => io.stdout(scrubberOf(gate)(text)),
    stderr: (text) => io.stderr(scrubberOf(gate)(text)),
  };
  gates.set(wrapped, gate);
  return wrapped;
}

/** Adds secret values that no later write through `io` may show. A no-op on an io `run` did not wrap. */
export function rememberSecrets(io: CliIo, values: Iterable<string>): void {
  const gate = gates.get(io);
  if (!gate) return;
  const before = gate.values.size;
  for (const value of values) gate.values.add(value);
  if (gate.values.size !== before) gate.scrub = undefined;
}

/**
 * Writes rendered YAML to stdout as it is, secret values included: `render --stdout` only,
 * whose output is meant for `kubectl apply -f -`.
 */
export function writeSecretOutput(io: CliIo, text: string): void {
  (gates.get(io)?.raw ?? io).stdout(text);
}
