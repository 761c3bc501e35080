/** Types of scripts/helm-binaries.mjs, for the tests that run the installed Helm binaries. */
export const HELM_CACHE: string;
export const HELM_LINES: { line: string; pkg: string; integrity: string }[];
export function helmPath(line: string): string;
export function helmVersion(binary: string): string | undefined;
