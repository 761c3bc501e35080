/**
 * Which packages the loader compiles into the project's bundle and which it leaves to Node.
 *
 * A package is decided by its real path: one that lives in a `node_modules` folder (a registry
 * install, a tarball) is published JavaScript and stays external; one whose real path is
 * outside every `node_modules` folder (an npm workspace package, a `file:` folder dependency,
 * `npm link`: all reached through a symbolic link) is source in the user's repository and is
 * compiled with the project, TypeScript included. Node itself cannot import a `.ts` file from a
 * package ("Unknown file extension"), so this is what lets a component library be shared as
 * TypeScript source.
 */
import path from 'node:path';
import { isBuiltin } from 'node:module';
import { pathToFileURL } from 'node:url';
import type { ImportKind, OnResolveArgs, OnResolveResult, Plugin } from 'esbuild';

/** Marks the resolutions this plugin asks esbuild for, so that it does not answer itself. */
const OWN = Symbol('kasane.package-boundary');

/** True when the real path `file` lies inside a `node_modules` folder. */
export function isInstalledPackage(file: string): boolean {
  return file.split(/[\\/]/).includes('node_modules');
}

/** What the plugin found while compiling, for the compile cache. */
export interface PackageBoundary {
  /** The plugin to pass to esbuild. */
  plugin: Plugin;
  /**
   * Installed files the bundle imports by absolute path (see {@link packageBoundary}): inputs of
   * the compile cache, so that a reinstall that moves or changes them compiles again.
   */
  externalFiles: Set<string>;
}

/**
 * The esbuild plugin that draws the line, for a project whose real folder is `root`.
 *
 * An installed package stays a bare import (`import 'yaml'`) when Node, resolving from the
 * project, finds the file esbuild found from the importing file: that is the usual case and
 * keeps the bundle independent of where node_modules is. When the two differ (a workspace
 * library's own dependency, installed beside the library and not for the project), the import
 * names the file esbuild found, so that it resolves as it would beside the library.
 */
export function packageBoundary(root: string): PackageBoundary {
  const externalFiles = new Set<string>();
  const fromRoot = new Map<string, Promise<string | undefined>>();
  const plugin: Plugin = {
    name: 'kasane-package-boundary',
    setup(build) {
      const resolve = async (specifier: string, kind: ImportKind, resolveDir: string): Promise<string | undefined> => {
        const found = await build.resolve(specifier, { kind, resolveDir, pluginData: OWN });
        return found.errors.length || found.external ? undefined : found.path;
      };
      const resolveFromRoot = (specifier: string, kind: ImportKind): Promise<string | undefined> => {
        const key = `${kind}\u0000${specifier}`;
        let found = fromRoot.get(key);
        if (!found) fromRoot.set(key, (found = resolve(specifier, kind, root)));
        return found;
      };
      // Bare specifiers only (esbuild's filters have no look-ahead: `.`, `/` and `\` start paths).
      build.onResolve({ filter: /^[^./\\]/ }, async (args: OnResolveArgs): Promise<OnResolveResult | undefined> => {
        if (args.pluginData === OWN) return undefined;
        const external = { path: args.path, external: true };
        if (isBuiltin(args.path) || path.isAbsolute(args.path)) return external;
        const found = await resolve(args.path, args.kind, args.resolveDir);
        // Not found here: Node gets the bare import and reports it as it always did.
        if (found === undefined) return external;
        // Source in the user's repository: compiled with the project, by esbuild's own resolution.
        if (!isInstalledPackage(found)) return undefined;
        if ((await resolveFromRoot(args.path, args.kind)) === found) return external;
        externalFiles.add(found);
        return { path: pathToFileURL(found).href, external: true };
      });
    },
  };
  return { plugin, externalFiles };
}
