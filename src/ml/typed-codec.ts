// Typed arrays <-> JSON-safe base64 records (little-endian bytes, as every supported platform stores them).
import { PhantomError } from '../core/errors.js';

/** Element types the model formats use. */
export type DType = 'float64' | 'float32' | 'int32' | 'uint16' | 'uint8';

/** A typed array as stored in model JSON. */
export interface EncodedArray {
  readonly dtype: DType;
  readonly length: number;
  readonly base64: string;
}

type AnyTyped = Float64Array | Float32Array | Int32Array | Uint16Array | Uint8Array;

function dtypeOf(a: AnyTyped): DType {
  if (a instanceof Float64Array) return 'float64';
  if (a instanceof Float32Array) return 'float32';
  if (a instanceof Int32Array) return 'int32';
  if (a instanceof Uint16Array) return 'uint16';
  return 'uint8';
}

/** Encodes the array's exact bytes, so a decoded model predicts bit-identically. */
export function encodeArray(a: AnyTyped): EncodedArray {
  return {
    dtype: dtypeOf(a),
    length: a.length,
    base64: Buffer.from(a.buffer, a.byteOffset, a.byteLength).toString('base64'),
  };
}

const CTORS = {
  float64: Float64Array,
  float32: Float32Array,
  int32: Int32Array,
  uint16: Uint16Array,
  uint8: Uint8Array,
} as const;

type Decoded<D extends DType> = InstanceType<(typeof CTORS)[D]>;

/** Decodes and checks dtype and length; a mismatch means a corrupt or hand-edited model file. */
export function decodeArray<D extends DType>(e: unknown, dtype: D, what: string): Decoded<D> {
  const rec = e as Partial<EncodedArray> | null;
  if (!rec || rec.dtype !== dtype || typeof rec.base64 !== 'string' || typeof rec.length !== 'number') {
    throw new PhantomError('PN_ERR_MODEL_FORMAT', `model field ${what} is not an encoded ${dtype} array`);
  }
  const bytes = Buffer.from(rec.base64, 'base64');
  const Ctor = CTORS[dtype];
  if (bytes.byteLength !== rec.length * Ctor.BYTES_PER_ELEMENT) {
    throw new PhantomError('PN_ERR_MODEL_FORMAT', `model field ${what} has ${bytes.byteLength} bytes for ${rec.length} ${dtype} values`);
  }
  // Copy into a fresh, aligned buffer: Buffer slices may share an unaligned pool.
  const out = new Ctor(rec.length);
  new Uint8Array(out.buffer).set(bytes);
  return out as Decoded<D>;
}
