// One implementation, shared with the benchmarks (scripts/src/testClient.ts).
export * from '@paas/scripts/out/src/testClient';
