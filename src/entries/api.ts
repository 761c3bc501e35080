/**
 * `kasane/api/<group>/<version>` at run time: nothing. Those modules hold only types (the
 * Kubernetes types of src/k8s/api/, whose declarations the package ships); an import that
 * TypeScript keeps for its side effects (`import { type Pod } from 'kasane/api/core/v1'` under
 * `verbatimModuleSyntax`) loads this empty module instead of failing.
 * @packageDocumentation
 */
export {};
