// A file's bytes checked as UTF-8 text (a byte-order mark is kept for the parser to drop).

import { isUtf8 } from 'node:buffer';
import type { FileName, Problem } from './problems';

/** Whether the bytes start a UTF-8 text: a character cut at their end is allowed. */
function startsUtf8(bytes: Uint8Array): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes, { stream: true });
    return true;
  } catch {
    return false;
  }
}

/**
 * The file's bytes if they are UTF-8 text, kept as bytes (the import parses bytes: no copy of
 * the file as a string, not even one made to check it and thrown away).
 */
export function checkCsvBytes(file: FileName, bytes: Uint8Array): { bytes: Uint8Array } | { problem: Problem } {
  if (isUtf8(bytes)) return { bytes };
  // The longest start that decodes (a character cut at its end is allowed) ends at the first bad byte.
  let lo = 0;
  let hi = bytes.length;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (startsUtf8(bytes.subarray(0, mid))) lo = mid;
    else hi = mid - 1;
  }
  let line = 1;
  for (let i = 0; i < lo; i++) if (bytes[i] === 0x0a) line++;
  return { problem: { file, line, column: 'file', message: 'the file is not UTF-8 text (save it as "CSV UTF-8")' } };
}
