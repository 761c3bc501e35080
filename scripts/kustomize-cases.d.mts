/** Types of scripts/kustomize-cases.mjs, for the tests that read the Kustomize feature cases. */
export interface CaseNotes {
  title?: string;
  feature?: string;
  build?: string;
  corpus: string[];
  scope?: string;
  summary: string;
  problems: string[];
}
export interface KustomizeCase {
  name: string;
  dir: string;
  buildDir: string;
  notes: CaseNotes;
  expected: 'expected.yaml' | 'error.txt' | undefined;
  problems: string[];
}
export const casesRoot: string;
export const corpusRoot: string;
export function parseCaseNotes(text: string): CaseNotes;
export function readCases(root?: string): KustomizeCase[];
export function renderIndex(cases: KustomizeCase[]): string;
