import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { benchMetrics } from './metrics';
import type { BenchResult } from './result';
import { foldRounds, type RepeatedResult } from './rounds';
import { benchDeploy } from './deploy';
import { benchDryRun } from './dryRun';
import { benchExtension } from './extension';
import { benchTransport } from './transport';
import { benchBackups } from './backups';
import { benchWebviews } from './webviews';
import { benchRunners } from './runners';

/** How often each bench runs (`PAAS_BENCH_ROUNDS`, default 5): verdicts read the median. */
const ROUNDS = Math.max(1, Number(process.env['PAAS_BENCH_ROUNDS'] ?? 5) || 5);

/** Every benchmark `npm run bench` runs, in order. Add yours here. */
const BENCHES: readonly { name: string; run: () => Promise<BenchResult[]> }[] = [
  { name: 'transport', run: benchTransport },
  { name: 'metrics', run: benchMetrics },
  { name: 'extension', run: benchExtension },
  { name: 'backups', run: benchBackups },
  { name: 'webviews', run: benchWebviews },
  { name: 'deploy', run: benchDeploy },
  { name: 'runners', run: benchRunners },
  { name: 'dryRun', run: benchDryRun },
];

/** `PAAS_BENCH_ONLY=runners,deploy` runs only those benches (all when unset). */
const ONLY = process.env['PAAS_BENCH_ONLY']?.split(',').map((name) => name.trim());

/** Compiled to scripts/out/src/bench: the repository root is four levels up. */
const ARTIFACT = join(__dirname, '..', '..', '..', '..', 'artifacts', 'bench.json');

function format(value: number | undefined, digits = 2): string {
  if (value === undefined) return '';
  return value >= 100 ? Math.round(value).toString() : value.toFixed(digits);
}

function printTable(results: readonly RepeatedResult[]): void {
  const header = ['name', 'value', 'unit', 'baseline', 'ratio', 'min', 'median', 'max', 'aim', 'verdict'];
  const rows = results.map((r) => [
    r.name,
    format(r.value),
    r.unit,
    r.baseline ? `${format(r.baseline.value)} (${r.baseline.name})` : '',
    format(r.ratio),
    format(r.spread.min),
    format(r.spread.median),
    format(r.spread.max),
    r.aim ?? '',
    r.met === undefined ? '' : r.met ? 'met' : 'OFF',
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
  const results: RepeatedResult[] = [];
  for (const bench of BENCHES.filter((b) => !ONLY || ONLY.includes(b.name))) {
    const rounds: BenchResult[][] = [];
    for (let round = 1; round <= ROUNDS; round++) {
      console.error(`bench: ${bench.name} (round ${round} of ${ROUNDS})...`);
      rounds.push(await bench.run());
    }
    results.push(...foldRounds(rounds));
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
