import { Header } from 'tar';

/** One entry of a hand-made archive: any type, any path, so tests can build the hostile ones. */
export interface RawEntry {
  path: string;
  type?: 'File' | 'Directory' | 'SymbolicLink' | 'Link' | 'CharacterDevice' | 'BlockDevice' | 'FIFO';
  data?: Buffer | string;
  linkpath?: string;
}

/** Builds a tar archive byte for byte, with no sanitizing of paths (tar.Pack would strip `..` and `/`). */
export function rawTar(entries: readonly RawEntry[]): Buffer {
  const blocks: Buffer[] = [];
  for (const entry of entries) {
    const data = Buffer.from(entry.data ?? '');
    const header = new Header({
      path: entry.path,
      type: entry.type ?? 'File',
      size: entry.type && entry.type !== 'File' ? 0 : data.length,
      mode: 0o644,
      mtime: new Date(0),
      uid: 0,
      gid: 0,
      linkpath: entry.linkpath,
    });
    header.encode();
    blocks.push(header.block!);
    if (!entry.type || entry.type === 'File') {
      blocks.push(data, Buffer.alloc((512 - (data.length % 512)) % 512));
    }
  }
  blocks.push(Buffer.alloc(1024));
  return Buffer.concat(blocks);
}
