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

/** A uuid derived from the uuid `recordId` and `kind`: the same for the same pair, always. */
export function derivedId(recordId: string, kind: string): string {
  const hex = recordId.replaceAll('-', '');
  if (!/^[0-9a-f]{32}$/i.test(hex)) throw new Error(`derivedId: ${recordId} is not a uuid`);
  const mask = maskOf(kind);
  let out = '';
  for (let i = 0; i < 4; i++) out += ((parseInt(hex.slice(i * 8, i * 8 + 8), 16) ^ mask[i]!) >>> 0).toString(16).padStart(8, '0');
  // version 8 in the 13th digit, the RFC variant (10xx) in the 17th
  const variant = ((parseInt(out[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${out.slice(0, 8)}-${out.slice(8, 12)}-8${out.slice(13, 16)}-${variant}${out.slice(17, 20)}-${out.slice(20, 32)}`;
}
