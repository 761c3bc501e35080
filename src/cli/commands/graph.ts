/**
 * `kasane graph <env> [--out FILE]`: the objects of an environment and their references as a
 * Mermaid flowchart.
 */
import { Command } from 'commander';
import { countOf } from '../../errors.ts';
import { buildGraph, graphToMermaid } from '../../tools/graph.ts';
import { loadForCli, projectOption, renderForCli, reportFindings, type ProjectFlags } from '../context.ts';
import { notePlaceholders } from '../secret-placeholders.ts';
import { EXIT, type CliIo } from '../io.ts';
import { printOrWrite } from '../print-or-write.ts';

interface GraphFlags extends ProjectFlags {
  out?: string;
  markdown?: boolean;
}

/** `kasane graph`. */
export function makeGraphCommand(io: CliIo, setExit: (code: number) => void): Command {
  return new Command('graph')
    .description('draw the objects of an environment and their references as a Mermaid flowchart')
    .argument('<env>', 'environment to draw')
    .option('-o, --out <file>', 'write the diagram to this file instead of stdout')
    .option('--markdown', 'wrap the diagram in a ```mermaid block (the default when --out ends with .md)')
    .addOption(projectOption())
    .addHelpText(
      'after',
      `
Edges: Ingress → Service (routes) → workloads (selects) → ConfigMap, Secret, PVC,
ServiceAccount (env, volume, serviceAccount, pullSecret); HPA → target (scales);
PodDisruptionBudget → workloads (protects). Objects referenced but not rendered are dashed.

Examples:
  $ kasane graph prod
  $ kasane graph prod --out docs/prod.md`,
    )
    .action(async (env: string, flags: GraphFlags) => setExit(await runGraph(io, env, flags)));
}

async function runGraph(io: CliIo, env: string, flags: GraphFlags): Promise<number> {
  const project = await loadForCli(io, flags);
  const result = await renderForCli(io, project, env, 'check', { validate: false });
  notePlaceholders(io, [result]);
  if (result.findings.some((f) => f.severity === 'error')) {
    reportFindings(io, result.findings, project.root, {}, env);
    return EXIT.usage;
  }
  const mermaid = graphToMermaid(buildGraph(result.resources.map((r) => r.object)));
  const fenced = flags.markdown || (flags.out ?? '').endsWith('.md');
  const text = fenced ? `\`\`\`mermaid\n${mermaid}\`\`\`\n` : mermaid;
  return printOrWrite(io, flags.out, text, `${env}: graph of ${countOf(result.resources.length, 'object')}`);
}
