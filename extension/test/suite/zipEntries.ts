import { inflateRawSync } from 'node:zlib';

/** One entry of a zip's central directory. */
export interface ZipEntry {
  name: string;
  uncompressedBytes: number;
  /** The entry's content, inflated. */
  read(): Buffer;
}

const CENTRAL_HEADER = 0x02014b50;
const ZIP64_MARK = 0xffffffff;

/**
 * The entries of a zip, read from its central directory headers (a test-sized archive held in memory;
 * no zip library is a declared dependency of the extension). Stored and deflated entries only.
 */
export function zipEntries(zip: Buffer): ZipEntry[] {
  const entries: ZipEntry[] = [];
  for (let at = zip.indexOf('PK\u0001\u0002'); at >= 0; at = zip.indexOf('PK\u0001\u0002', at + 4)) {
    if (zip.readUInt32LE(at) !== CENTRAL_HEADER || at + 46 > zip.length) continue;
    const method = zip.readUInt16LE(at + 10);
    const compressed = zip.readUInt32LE(at + 20);
    const uncompressedBytes = zip.readUInt32LE(at + 24);
    const nameLength = zip.readUInt16LE(at + 28);
    const local = zip.readUInt32LE(at + 42);
    const name = zip.toString('utf8', at + 46, at + 46 + nameLength);
    entries.push({
      name,
      uncompressedBytes,
      read() {
        if (compressed === ZIP64_MARK || local === ZIP64_MARK) throw new Error(`${name} is a zip64 entry`);
        const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
        const data = zip.subarray(start, start + compressed);
        if (method === 0) return data;
        if (method === 8) return inflateRawSync(data);
        throw new Error(`${name} uses compression method ${method}`);
      },
    });
  }
  return entries;
}
