/** Types of scripts/helm-output.mjs, for the tests that read helm output with it. */
export interface HelmDocument {
  key: string;
  source: string;
  text: string;
  value: unknown;
  kind: string;
  name: string;
}
export function splitDocuments(output: string): HelmDocument[];
export function diffValues(a: unknown, b: unknown, path?: string, into?: { path: string; a: unknown; b: unknown }[]): { path: string; a: unknown; b: unknown }[];
export function compareOutputs(a: string, b: string, masked?: Map<string, string[]>): { type: string; key?: string; kind?: string; name?: string; path?: string; a?: unknown; b?: unknown }[];
export function movedDocuments(a: string, b: string): { key: string; afterA: string; afterB: string }[];
