/**
 * `kasane/codegen`: TypeScript types and builders for custom resources, from their
 * CustomResourceDefinitions (what `kasane import-crd` writes). Returns the files as data.
 * @packageDocumentation
 */
export { readCrd } from '../codegen/crd-input.ts';
export type { CrdInput } from '../codegen/crd-input.ts';
export { generateImports } from '../codegen/generate.ts';
export type { GeneratedFile, GenerateOptions, GeneratedImports } from '../codegen/generate.ts';
