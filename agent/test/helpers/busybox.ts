// One implementation, shared with the benchmarks (scripts/src/busybox.ts).
export * from '@paas/scripts/out/src/busybox';
