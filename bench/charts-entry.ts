// What bench/charts.mjs bundles: renderChart and the pieces it times.
export { treeDigest } from '../src/charts/digest.ts';
export { findHelm } from '../src/charts/helm-process.ts';
export { helmTemplateArgs, renderChart } from '../src/charts/render-chart.ts';
export { openDocumentCache, readChartFolder } from '../src/charts/vendor-fs.ts';
