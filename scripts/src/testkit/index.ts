// The PaaS.sh test kit: real Docker engine, PostgreSQL and git for integration
// tests, and cleanup that runs even when tests fail.
// Import as '@paas/scripts/out/src/testkit/index.js'.
export * from './agentConfig';
export * from './cleanup';
export * from './docker';
export * from './exec';
export * from './git';
export * from './http';
export * from './names';
export * from './paths';
export * from './postgres';
export * from './services';
export * from './standin';
export * from './tempdir';
export * from './traffic';
