import * as path from 'node:path';

/**
 * The scripts/ package directory, found from this file's compiled location
 * (scripts/out/src/testkit/) so nothing depends on where the repo is checked out.
 */
export const SCRIPTS_DIR = path.resolve(__dirname, '../../..');

/** Sourceable shell library that installs and starts the system services. */
export const ENSURE_SYSTEM_SH = path.join(SCRIPTS_DIR, 'lib', 'ensure-system.sh');

/** The offline stand-in for the official odoo image. */
export const STANDIN_DIR = path.join(SCRIPTS_DIR, 'standin-odoo');
