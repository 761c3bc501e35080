/**
 * `kasane explain <env> <Kind/name> [field.path]`: which component, builder call, patch or
 * transform set each value, with file:line.
 */
import path from 'node:path';
import { Command } from 'commander';
import { formatObjectRef, formatPath, formatSource, isKasaneError, type SourceLocation } from '../../errors.ts';
import { explain, type Explanation } from '../../tools/explain.ts';
import { envRenderOptions, loadForCli, projectOption, rememberRender, reportFindings, type ProjectFlags } from '../context.ts';
import type { CliIo } from '../io.ts';
import { notePlaceholders } from '../secret-placeholders.ts';
import { jsonText } from '../../util/json-text.ts';

/** `kasane explain`. */
export function makeExplainCommand(io: CliIo, setExit: (code: number) => void): Command {
  return new Command('explain')
    .description('show where an object, or one of its fields, came from: component, builder call, patches and transforms')
    .argument('<env>', 'environment')
    .argument('<object>', 'Kind/name or Kind/namespace/name')
    .argument('[field]', 'field path, e.g. spec.replicas or metadata.labels["app.kubernetes.io/name"]')
    .addOption(projectOption())
    .option('--json', 'print the explanation as JSON')
    .addHelpText('after', '\nExamples:\n  $ kasane explain prod Deployment/echo\n  $ kasane explain prod Deployment/echo spec.replicas')
    .action(async (env: string, ref: string, field: string | undefined, flags: ProjectFlags) => {
      const project = await loadForCli(io, flags);
      try {
        const result = explain(project, env, ref, field, {
          ...(await envRenderOptions(io, project, env, 'check')),
          onRender: (rendered) => {
            rememberRender(io, rendered);
            notePlaceholders(io, [rendered]);
          },
        });
        io.stdout(flags.json ? jsonText(result, 2) + '\n' : formatExplanation(result, project.root));
      } catch (error) {
        if (!isKasaneError(error)) throw error;
        setExit(Math.max(2, reportFindings(io, error.findings, project.root, flags)));
      }
    });
}

function where(source: SourceLocation | undefined, root: string): string {
  if (!source) return '';
  return formatSource(path.isAbsolute(source.file) ? { ...source, file: path.relative(root, source.file) } : source);
}

function show(value: unknown): string {
  return value === undefined ? '(unset)' : (jsonText(value) ?? String(value));
}

/** Who ran a step: the environment, and the group (or component) inside it: `prod › frontend`. */
const level = (step: { env: string; scope?: string }): string => (step.scope ? `${step.env} › ${step.scope}` : step.env);

/** The text form of an explanation. */
export function formatExplanation(e: Explanation, root: string): string {
  const lines = [`${e.env} › ${formatObjectRef(e.object)}${e.field ? ` › ${formatPath(e.field.path)}` : ''}`];
  lines.push(`  built by component '${e.component || '(environment)'}'${e.builtAt ? ` at ${where(e.builtAt, root)}` : ''}`);
  if (e.chart)
    lines.push(`  from chart '${e.chart.chart}', template ${e.chart.template}${e.chart.hook ? `, a Helm hook (${e.chart.hook.events.join(', ')}) kept by hook policy '${e.chart.hook.policy}'` : ''}`);
  if (e.files) lines.push(`  reads files: ${e.files.map((f) => path.relative(root, f)).join(', ')}`);
  for (const layer of e.values) {
    if (layer.values && typeof layer.values === 'object' && Object.keys(layer.values).length === 0) continue;
    lines.push(`  values from ${layer.env}${layer.source ? ` (${where(layer.source, root)})` : ''}: ${jsonText(layer.values)}`);
  }
  if (e.field) {
    lines.push('  value history:');
    if (e.field.chain.length === 0) lines.push('    (the field is never set)');
    for (const c of e.field.chain) lines.push(`    ${level(c)} ${c.step}${c.source && c.step !== 'build' ? ` (${where(c.source, root)})` : ''}: ${show(c.value)}`);
    return lines.join('\n') + '\n';
  }
  if (e.steps.length === 0) lines.push('  no overlay step changed it');
  else lines.push('  changed by:');
  for (const s of e.steps) {
    lines.push(`    ${level(s)} ${s.step}${s.source ? ` (${where(s.source, root)})` : ''}`);
    for (const p of s.changed.slice(0, 20)) lines.push(`      ${formatPath(p)}`);
    if (s.changed.length > 20) lines.push(`      … and ${s.changed.length - 20} more fields`);
  }
  return lines.join('\n') + '\n';
}
