'use strict';
// Attachments stored the way ir_attachment does it (odoo/addons/base/models/
// ir_attachment.py): content addressed by SHA-1, file at
// <data_dir>/filestore/<db>/<sha[:2]>/<sha> (_full_path / config.filestore),
// written only when absent, row keeps store_fname '<sha[:2]>/<sha>'.
const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');

function filestoreDir(dataDir, dbName) {
  return path.join(dataDir, 'filestore', dbName);
}

async function storeAttachment(pool, dataDir, dbName, content, name) {
  const checksum = crypto.createHash('sha1').update(content).digest('hex');
  const storeFname = `${checksum.slice(0, 2)}/${checksum}`;
  const fullPath = path.join(filestoreDir(dataDir, dbName), storeFname);
  await fs.promises.mkdir(path.dirname(fullPath), { recursive: true });
  try {
    await fs.promises.writeFile(fullPath, content, { flag: 'wx' });
  } catch (err) {
    if (err.code !== 'EEXIST') throw err;
  }
  const { rows } = await pool.query(
    'INSERT INTO ir_attachment (name, store_fname, checksum, file_size) VALUES ($1, $2, $3, $4) RETURNING id',
    [name, storeFname, checksum, content.length],
  );
  return { id: rows[0].id, checksum, store_fname: storeFname, path: fullPath };
}

module.exports = { storeAttachment, filestoreDir };
