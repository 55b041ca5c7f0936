import type { Migration } from './index';

/**
 * An imported zip whose dump references filestore files it does not hold is still imported, with the
 * number of those attachments recorded on the backup (null: not checked, as for the agent's own backups).
 */
export const missingAttachments: Migration = {
  version: 14,
  name: 'missingAttachments',
  up: (db) => {
    db.exec('ALTER TABLE backups ADD COLUMN missing_attachments INTEGER');
  },
};
