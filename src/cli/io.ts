/**
 * The CLI's window on the process: where it writes and which folder it runs in. Tests pass
 * their own; `bin/kasane.js` passes the real ones.
 */
import type { BundleCompiler } from '../load/bundle.ts';

/** Output streams, working folder and environment of one CLI run. */
export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  cwd: string;
  /** Environment variables (for NO_COLOR and secrets read at render time). */
  env: Readonly<Record<string, string | undefined>>;
  /** True when stderr is a terminal (colour allowed). */
  isTTY?: boolean;
  /**
   * Reads standard input (for `-f -`) as bytes; with `limit`, stops after `limit` + 1 bytes so
   * that larger input is seen without reading it all.
   */
  readStdin?: (limit?: number) => Promise<string | Uint8Array>;
  /** Stops a command that runs until stopped (`render --watch`); without it, SIGINT and SIGTERM do. */
  signal?: AbortSignal;
  /** What compiles the project's bundles when a command loads it. @default esbuild in this thread */
  compileBundle?: BundleCompiler;
}

/** Exit codes: 0 success, 1 a check or validation failed, 2 bad usage or an unloadable project. */
export const EXIT = { ok: 0, failed: 1, usage: 2 } as const;
