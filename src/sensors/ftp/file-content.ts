// The bytes a download sends: persona text, seeded noise behind a format's magic bytes, or an earlier upload
// read back from the artifact store; produced in chunks so a large file never sits in memory.
import { createReadStream } from 'node:fs';
import { SeededRng } from '../../core/rng.js';
import type { FileNode } from './fake-fs.js';

const CHUNK = 64 * 1024;

function noiseChunk(rng: SeededRng, length: number): Buffer {
  const buf = Buffer.allocUnsafe(length);
  let i = 0;
  for (; i + 4 <= length; i += 4) buf.writeUInt32LE(rng.nextUint32(), i);
  for (; i < length; i++) buf[i] = rng.nextUint32() & 0xff;
  return buf;
}

/** The file's content from byte `offset` (REST) on; the same file always yields the same bytes. */
export async function* fileChunks(file: FileNode, offset: number): AsyncGenerator<Buffer> {
  const src = file.source;
  if (src.kind === 'text') {
    if (offset < src.bytes.length) yield src.bytes.subarray(offset);
    return;
  }
  if (src.kind === 'artifact') {
    if (offset >= file.size) return;
    for await (const chunk of createReadStream(src.path, { start: offset, end: file.size - 1, highWaterMark: CHUNK })) {
      yield chunk as Buffer;
    }
    return;
  }
  // Noise is generated from the start each time so that any offset sees the same bytes.
  const rng = new SeededRng(src.seed);
  let pos = 0;
  while (pos < file.size) {
    const len = Math.min(CHUNK, file.size - pos);
    const chunk = noiseChunk(rng, len);
    if (pos === 0) src.magic.copy(chunk, 0, 0, Math.min(src.magic.length, len));
    if (pos + len > offset) yield chunk.subarray(Math.max(0, offset - pos));
    pos += len;
  }
}
