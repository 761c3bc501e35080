/**
 * A component file for a group of imported objects: `defineComponent` whose build returns the
 * objects as builder calls or typed literals, with the image and replicas of a lone Deployment
 * lifted into values.
 */
import type { KObject } from '../k8s/object.ts';
import { lineComments, printValue, quote, ref } from './code.ts';
import { newImports, printImports } from './imports.ts';
import { liftableOf, objectCode, type Lifted } from './object-code.ts';
import type { SourcedObject } from './tree.ts';

/** What the printer writes for values lifted out of a component. */
interface ValueDecl {
  key: 'replicas' | 'image';
  schema: string;
}

function liftFor(objects: readonly KObject[]): { lifted: Lifted; values: ValueDecl[] } {
  const deployments = objects.filter((o) => o.kind === 'Deployment');
  if (deployments.length !== 1) return { lifted: {}, values: [] };
  const found = liftableOf(deployments[0]!);
  const values: ValueDecl[] = [];
  const lifted: Lifted = {};
  if (found.replicas !== undefined) {
    lifted.replicas = ref('values.replicas');
    values.push({ key: 'replicas', schema: `z.number().int().min(0).default(${found.replicas})` });
  }
  if (found.image !== undefined) {
    lifted.image = ref('values.image');
    values.push({ key: 'image', schema: `z.string().default(${quote(found.image)})` });
  }
  return { lifted, values };
}

/**
 * The source of component `name` building `items`.
 * @example componentFile('web', [{ object: deploymentObject, file: 'base/web.yaml' }])
 */
export function componentFile(name: string, items: readonly SourcedObject[]): string {
  const imports = newImports();
  imports.kasane.add('defineComponent').add('z');
  const { lifted, values } = liftFor(items.map((i) => i.object));
  const codes = items.map((item) => ({ item, code: objectCode(item.object, imports, lifted) }));
  const printed = codes.map(({ item, code }) => printValue(code, 3));
  const used = values.filter((v) => printed.some((p) => p.includes(`values.${v.key}`)));
  const lines: string[] = [];
  const sources = [...new Set(items.map((i) => i.file))];
  lines.push(`// Imported from ${sources.join(', ')}.`);
  lines.push(printImports(imports), '');
  lines.push('export default defineComponent({');
  lines.push(`  name: ${quote(name)},`);
  if (used.length === 0) lines.push('  values: z.object({}),', '  build() {');
  else {
    lines.push('  values: z.object({');
    for (const v of used) lines.push(`    ${v.key}: ${v.schema},`);
    lines.push('  }),', '  build(values) {');
  }
  if (codes.length === 1 && !codes[0]!.item.comment) lines.push(`    return ${printValue(codes[0]!.code, 2)};`);
  else {
    lines.push('    return [');
    codes.forEach(({ item }, i) => {
      if (item.comment) lines.push(lineComments(item.comment, '      '));
      lines.push(`      ${printed[i]},`);
    });
    lines.push('    ];');
  }
  lines.push('  },', '});', '');
  return lines.join('\n');
}

/** The code of objects an environment adds with a transform: `const added = [...]`. */
export function addedObjectsCode(items: readonly SourcedObject[], imports: ReturnType<typeof newImports>): string {
  const lines = ['const added = ['];
  for (const item of items) {
    if (item.comment) lines.push(lineComments(item.comment, '  '));
    lines.push(`  ${printValue(objectCode(item.object, imports), 1)},`);
  }
  lines.push('];');
  return lines.join('\n');
}
