import { databasesBackend, showDatabases, showStorages, storagesBackend } from '../../webviews/index';
import { projectScreenCommand, screenDeps } from './projectScreens';

/** The database servers the project's apps use and their databases: duplicate, and drop copies. */
export const openDatabases = projectScreenCommand('paas.project.openDatabases', (context, ref) =>
  showDatabases({ ...screenDeps(context), backend: databasesBackend(context) }, ref),
);

/** The storages backups go to: which one takes the project's, usage, connection test and assigning. */
export const openStorages = projectScreenCommand('paas.project.openStorages', (context, ref) =>
  showStorages({ ...screenDeps(context), backend: storagesBackend(context) }, ref),
);
