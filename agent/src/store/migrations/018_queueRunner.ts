import type { Migration } from './index';

/**
 * The OCA `queue_job` runner's health per app, as its current container's log tells (`LogStats`); `NULL`
 * when the container logged no runner line.
 */
export const queueRunner: Migration = {
  version: 18,
  name: 'queueRunner',
  up: (db) => {
    db.exec(`ALTER TABLE apps ADD COLUMN queue_runner TEXT`);
  },
};
