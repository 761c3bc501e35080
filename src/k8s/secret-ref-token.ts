/**
 * How a `secretValue` reference looks inside a string: a token that the secrets stage replaces
 * with the value at render time. Builders that transform their input (base64, JSON) check for
 * it, because a transformed token can no longer be found and replaced.
 */

/** How every reference token starts. */
export const SECRET_REF_OPENING = '<<kasane-secret:';

/** True when `text` holds a `secretValue` reference token. */
export function containsSecretRef(text: string): boolean {
  return text.includes(SECRET_REF_OPENING);
}
