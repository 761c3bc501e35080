/**
 * The CRD documents the code generator reads; the reading itself is shared with validation
 * (../k8s/crd-document.ts).
 */
export { isCrdDocument, readCrd } from '../k8s/crd-document.ts';
export type { CrdInput, CrdVersionInput, DocumentSource, JsonSchema } from '../k8s/crd-document.ts';
