/**
 * Name patterns with `*` wildcards, as policy overrides and external objects write them.
 */

/** A pattern where `*` stands for any run of characters and everything else for itself, anchored. */
export function globToRegExp(glob: string): RegExp {
  return new RegExp(
    `^${glob
      .split('*')
      .map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
      .join('.*')}$`,
  );
}
