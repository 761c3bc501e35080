/**
 * The import lines a generated file needs: names from 'kasane', types from
 * 'kasane/api/...', and default imports of sibling modules.
 */
import { compareCodeUnits } from '../util/code-unit.ts';

/** Imports collected while generating one file. */
export interface Imports {
  kasane: Set<string>;
  types: Map<string, Set<string>>;
  /** Default imports: local name → module path. */
  defaults: Map<string, string>;
  addType(module: string, name: string): void;
}

/** An empty {@link Imports}. */
export function newImports(): Imports {
  const types = new Map<string, Set<string>>();
  return {
    kasane: new Set(),
    types,
    defaults: new Map(),
    addType(module, name) {
      const set = types.get(module) ?? new Set<string>();
      set.add(name);
      types.set(module, set);
    },
  };
}

/** The import statements, sorted. */
export function printImports(imports: Imports): string {
  const lines: string[] = [];
  if (imports.kasane.size) lines.push(`import { ${[...imports.kasane].sort(compareCodeUnits).join(', ')} } from 'kasane';`);
  for (const module of [...imports.types.keys()].sort(compareCodeUnits)) {
    lines.push(`import type { ${[...imports.types.get(module)!].sort(compareCodeUnits).join(', ')} } from '${module}';`);
  }
  for (const [name, module] of [...imports.defaults].sort((a, b) => compareCodeUnits(a[1], b[1]))) lines.push(`import ${name} from '${module}';`);
  return lines.join('\n');
}
