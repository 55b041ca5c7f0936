import { benchMetrics } from './metrics';
import type { BenchResult } from './result';

function row(result: BenchResult): string {
  const baseline = result.baseline ? `${result.baseline.name}: ${result.baseline.value.toFixed(2)}` : '';
  const ratio = result.ratio === undefined ? '' : result.ratio.toFixed(3);
  return `| ${result.name} | ${result.value.toFixed(2)} ${result.unit} | ${baseline} | ${ratio} | ${result.aim ?? ''} |`;
}

/** Runs every benchmark and prints one Markdown table. */
async function main(): Promise<void> {
  const results = [...(await benchMetrics())];
  console.log('| benchmark | value | baseline | ratio | aim |');
  console.log('| --- | --- | --- | --- | --- |');
  for (const result of results) console.log(row(result));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
