/**
 * `kasane/pipeline`: kasane as a library. Load a project, render an environment (the stages
 * build, secrets, overlay, seal, validate, emit), compute what its chart components ask of helm,
 * explain where a value came from, validate any objects, and the secret handling and emission
 * the pipeline is made of. What `kasane render`,
 * `validate` and `explain` do, as calls that return data; nothing here writes files or prints.
 * @packageDocumentation
 */

// Loading and rendering
export { loadProject } from '../load/load-project.ts';
export type { LoadedProject, LoadOptions } from '../load/load-project.ts';
export { render, renderableEnvironments } from '../pipeline/render.ts';
export type { RenderResult } from '../pipeline/render.ts';
export type { ProjectData, RenderOptions, SealSettings } from '../pipeline/stage.ts';
export type { ObjectMemo } from '../util/object-memo.ts';
export type { Resource, ProvenanceStep, TraceStep, Trace } from '../k8s/resource.ts';
export type { Gvk } from '../k8s/object.ts';

// Chart components: what each asks of helm (the caller runs helm and passes the results to render)
export { chartRequests } from '../pipeline/chart-requests.ts';
export type { ChartRequestOptions, VendoredChartInfo } from '../pipeline/chart-requests.ts';
export type { ChartRenders, ChartRequest, RenderedChart } from '../project/chart-component.ts';

// Explaining
export { explain } from '../tools/explain.ts';
export type { Explanation, ExplainOptions, ExplainStep, FieldHistory } from '../tools/explain.ts';

// Validation
export { validate, sortFindings, validateSchema, validateReferences, validatePolicies } from '../validate/index.ts';
export type { ValidateOptions, SchemaOptions, ReferenceOptions, PolicyOptions } from '../validate/index.ts';
export { DEFAULT_POLICY_SEVERITY, POLICY_RULES, POLICY_ANNOTATION_PREFIX } from '../project/policy.ts';

// Emission
export { emitDocument, emitDocuments } from '../render/emit.ts';
export { orderResources, emitEnvironment } from '../render/emit-environment.ts';
export type { RenderedEnvironment } from '../render/emit-environment.ts';

// Secret values in the pipeline: resolving references, sealing, redacting
export { resolveSecretRefs, listSecretRefs } from '../secrets/resolve-refs.ts';
export type { SecretSources, SecretNeeds } from '../secrets/resolve-refs.ts';
export type { SecretPlaceholder, MissingSecretSource } from '../secrets/placeholders.ts';
export { sealSecrets } from '../secrets/seal-secrets.ts';
export type { SealOptions } from '../secrets/seal-secrets.ts';
export { redactObject, redactSecrets, redactForDiff, redactYaml, scrubSecretValues, REDACTED, CHANGED } from '../secrets/redact.ts';

// Findings
export { formatPath } from '../errors.ts';
export type { Finding, Severity, SourceLocation, ObjectRef, FieldPath } from '../errors.ts';
