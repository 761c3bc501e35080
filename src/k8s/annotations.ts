/**
 * Annotations kasane reads on the objects it renders. They stay in the output, where a
 * reviewer sees the decision they record.
 */

/**
 * Set to `"true"` on a Secret to have kasane write its values in plain text into an output
 * folder that git tracks (or would track). Without it, `kasane render` writes a Secret with
 * values only where git ignores the file, and the `plaintext-secret` policy reports it.
 */
export const COMMIT_PLAINTEXT_ANNOTATION = 'kasane.dev/commit-plaintext';

/** True when `obj` carries {@link COMMIT_PLAINTEXT_ANNOTATION} set to `"true"`. */
export function allowsPlaintextCommit(obj: { metadata?: { annotations?: Readonly<Record<string, string>> | undefined } }): boolean {
  return obj.metadata?.annotations?.[COMMIT_PLAINTEXT_ANNOTATION] === 'true';
}
