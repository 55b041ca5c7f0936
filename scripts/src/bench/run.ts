import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { benchMetrics } from './metrics';
import type { BenchResult } from './result';
import { benchDeploy } from './deploy';
import { benchExtension } from './extension';
import { benchTransport } from './transport';
import { benchBackups } from './backups';
import { benchWebviews } from './webviews';

/** Every benchmark `npm run bench` runs, in order. Add yours here. */
const BENCHES: readonly { name: string; run: () => Promise<BenchResult[]> }[] = [
  { name: 'transport', run: benchTransport },
  { name: 'metrics', run: benchMetrics },
  { name: 'extension', run: benchExtension },
  { name: 'backups', run: benchBackups },
  { name: 'webviews', run: benchWebviews },
  { name: 'deploy', run: benchDeploy },
];

/** Compiled to scripts/out/src/bench: the repository root is four levels up. */
const ARTIFACT = join(__dirname, '..', '..', '..', '..', 'artifacts', 'bench.json');

function format(value: number | undefined, digits = 2): string {
  if (value === undefined) return '';
  return value >= 100 ? Math.round(value).toString() : value.toFixed(digits);
}

function printTable(results: readonly BenchResult[]): void {
  const header = ['name', 'value', 'unit', 'baseline', 'ratio', 'aim'];
  const rows = results.map((r) => [
    r.name,
    format(r.value),
    r.unit,
    r.baseline ? `${format(r.baseline.value)} (${r.baseline.name})` : '',
    format(r.ratio),
    r.aim ?? '',
  ]);
  const widths = header.map((_, column) => Math.max(...[header, ...rows].map((row) => row[column]!.length)));
  const line = (row: string[]): string =>
    row
      .map((cell, column) => cell.padEnd(widths[column]!))
      .join('  ')
      .trimEnd();
  console.log(line(header));
  console.log(line(widths.map((width) => '-'.repeat(width))));
  for (const row of rows) console.log(line(row));
}

async function main(): Promise<void> {
  const results: BenchResult[] = [];
  for (const bench of BENCHES) {
    console.error(`bench: ${bench.name}...`);
    results.push(...(await bench.run()));
  }
  printTable(results);
  mkdirSync(join(ARTIFACT, '..'), { recursive: true });
  const machine = { node: process.version, cpus: cpus().length, cpu: cpus()[0]?.model };
  writeFileSync(ARTIFACT, `${JSON.stringify({ at: new Date().toISOString(), machine, results }, null, 2)}\n`);
  console.error(`wrote ${ARTIFACT}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
