/** Larger than any real bounce (they quote at most the original's headers or a short copy). */
export const MAX_REPORT_BYTES = 10 * 1024 * 1024;

export type BoundedInput = { ok: true; bytes: Uint8Array } | { ok: false; reason: string };

const encoder = new TextEncoder();

/**
 * Turns any accepted input into bytes, refusing oversized input before it is copied or
 * parsed: a parser's cost grows with the input, and this runs on mail anyone can send.
 */
export function readInputBytes(raw: unknown, maxBytes = MAX_REPORT_BYTES): BoundedInput {
  let bytes: Uint8Array;
  if (typeof raw === 'string') {
    // Every UTF-16 unit encodes to at least one byte, so a long string is too large already.
    if (raw.length > maxBytes) return tooLarge(raw.length, maxBytes);
    bytes = encoder.encode(raw);
  } else {
    const view = asBytes(raw);
    if (!view) return { ok: false, reason: `unsupported input type: ${raw === null ? 'null' : typeof raw}` };
    bytes = view;
  }
  if (bytes.byteLength > maxBytes) return tooLarge(bytes.byteLength, maxBytes);
  if (bytes.byteLength === 0) return { ok: false, reason: 'empty input' };
  return { ok: true, bytes };
}

function tooLarge(size: number, maxBytes: number): BoundedInput {
  return { ok: false, reason: `input too large: ${size} bytes, the limit is ${maxBytes}` };
}

// The tag check also accepts an ArrayBuffer from another realm (a worker, a test environment),
// where instanceof fails. postal-mime returns calendar parts as Uint8Array, others as ArrayBuffer.
export function asBytes(content: unknown): Uint8Array | null {
  if (ArrayBuffer.isView(content)) return new Uint8Array(content.buffer, content.byteOffset, content.byteLength);
  if (Object.prototype.toString.call(content) === '[object ArrayBuffer]') return new Uint8Array(content as ArrayBuffer);
  return null;
}
