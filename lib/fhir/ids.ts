import { createHash } from 'node:crypto';

// Resource ids that stay the same from one export to the next, so a receiving system can
// update what it already holds. A resource that is a record of the app (a patient, an
// adverse event, a cohort) has the record's uuid. One derived from a record (a visit's CDASI
// observation, a patient's condition) has the record's uuid mixed (XOR) with a mask made
// from what it is ("cdasi-activity", "condition"), marked as a custom uuid (RFC 9562
// version 8). Records' uuids are random, so two derived ids never meet in practice, and a
// hash per resource (700,000 of them for a large cohort) is not paid.

const masks = new Map<string, number[]>();

function maskOf(kind: string): number[] {
  let mask = masks.get(kind);
  if (!mask) {
    const hash = createHash('sha256').update(`dm-jaki-registry fhir id/${kind}`).digest();
    mask = [0, 4, 8, 12].map((i) => hash.readUInt32BE(i));
    masks.set(kind, mask);
  }
  return mask;
}

// A visit gives a dozen ids in a row: its uuid is read once.
let lastId = '';
let lastWords: number[] = [];

function wordsOf(uuid: string): number[] {
  if (uuid !== lastId) {
    const hex = uuid.replaceAll('-', '');
    if (!/^[0-9a-f]{32}$/i.test(hex)) throw new Error(`derivedId: ${uuid} is not a uuid`);
    lastWords = [0, 8, 16, 24].map((i) => parseInt(hex.slice(i, i + 8), 16));
    lastId = uuid;
  }
  return lastWords;
}

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

function hex8(w: number): string {
  return HEX[w >>> 24]! + HEX[(w >>> 16) & 255]! + HEX[(w >>> 8) & 255]! + HEX[w & 255]!;
}

/** A uuid derived from the uuid `recordId` and `kind`: the same for the same pair, always. */
export function derivedId(recordId: string, kind: string): string {
  const w = wordsOf(recordId);
  const m = maskOf(kind);
  const a = hex8(w[0]! ^ m[0]!);
  // version 8 in the top bits of byte 6, the RFC variant (10) in the top bits of byte 8
  const b = hex8(((w[1]! ^ m[1]!) & 0xffff0fff) | 0x8000);
  const c = hex8((((w[2]! ^ m[2]!) & 0x3fffffff) | 0x80000000) >>> 0);
  const d = hex8(w[3]! ^ m[3]!);
  return `${a}-${b.slice(0, 4)}-${b.slice(4)}-${c.slice(0, 4)}-${c.slice(4)}${d}`;
}
