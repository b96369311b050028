import type { SteroidDrug } from '@/lib/codes';

// Prednisone equivalents of the glucocorticoids a visit may record (docs/domain.md):
// the dose times the drug's factor, rounded to 2 decimals, half away from zero.

/** Factor as a fraction, so that the rounding is decided on the exact product, not a float. */
export const PREDNISONE_FACTORS: Record<SteroidDrug, { num: number; den: number }> = {
  prednisone: { num: 1, den: 1 },
  prednisolone: { num: 1, den: 1 },
  methylprednisolone: { num: 5, den: 4 },
  hydrocortisone: { num: 1, den: 4 },
  dexamethasone: { num: 20, den: 3 },
  deflazacort: { num: 5, den: 6 },
};

/** A non-negative decimal as an integer over a power of ten: 7.25 → 725 / 100. */
function asDecimal(mg: number): { digits: bigint; scale: bigint } {
  const text = mg.toFixed(10).replace(/0+$/, '').replace(/\.$/, '');
  const [whole = '0', fraction = ''] = text.split('.');
  return { digits: BigInt(whole + fraction), scale: 10n ** BigInt(fraction.length) };
}

/** The prednisone equivalent in mg/day of `mg` mg/day of `drug`, to 2 decimals. */
export function prednisoneEquivalent(drug: SteroidDrug, mg: number): number {
  if (!(mg >= 0) || !Number.isFinite(mg)) throw new RangeError(`not a dose: ${mg}`);
  const { num, den } = PREDNISONE_FACTORS[drug];
  const { digits, scale } = asDecimal(mg);
  // hundredths = round(digits × num × 100 / (scale × den)), halves rounded up (away from zero).
  const n = digits * BigInt(num) * 100n;
  const d = scale * BigInt(den);
  const hundredths = (2n * n + d) / (2n * d);
  return Number(hundredths) / 100;
}

/** How far a typed prednisone equivalent may lie from the computed one and still be taken. */
export const EQUIVALENT_TOLERANCE = 0.01;
