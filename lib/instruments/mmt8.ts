// MMT8 on the Kendall 0–10 scale (docs/domain.md). "Trace" sits below 1: it scores 0 but is kept as 'T'.

export const MMT8_AXIAL = { key: 'neckFlexors', label: 'Neck flexors' } as const;

export const MMT8_BILATERAL = [
  { key: 'deltoid', label: 'Deltoid' },
  { key: 'biceps', label: 'Biceps' },
  { key: 'wristExtensors', label: 'Wrist extensors' },
  { key: 'gluteusMaximus', label: 'Gluteus maximus' },
  { key: 'gluteusMedius', label: 'Gluteus medius' },
  { key: 'quadriceps', label: 'Quadriceps' },
  { key: 'ankleDorsiflexors', label: 'Ankle dorsiflexors' },
] as const;

export type Mmt8GroupKey = (typeof MMT8_BILATERAL)[number]['key'];

/** A Kendall grade 0–10, or 'T' for a trace contraction. */
export type KendallGrade = number | 'T';

export type Mmt8Items = {
  neckFlexors: KendallGrade;
  right: Record<Mmt8GroupKey, KendallGrade>;
  left: Record<Mmt8GroupKey, KendallGrade>;
};

export const KENDALL_MAX = 10;
export const MMT8_MAX = 150;
export const MMT8_UNILATERAL_MAX = 80;

export function gradePoints(grade: KendallGrade): number {
  return grade === 'T' ? 0 : grade;
}

export function isKendallGrade(value: unknown): value is KendallGrade {
  return value === 'T' || (typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= KENDALL_MAX);
}

function allGroups(grade: KendallGrade): Record<Mmt8GroupKey, KendallGrade> {
  return Object.fromEntries(MMT8_BILATERAL.map(({ key }) => [key, grade])) as Record<Mmt8GroupKey, KendallGrade>;
}

export function uniformMmt8Items(grade: KendallGrade): Mmt8Items {
  return { neckFlexors: grade, right: allGroups(grade), left: allGroups(grade) };
}

/** Bilateral total 0–150: neck flexors once, seven groups on each side. */
export function mmt8Total(items: Mmt8Items): number {
  let total = gradePoints(items.neckFlexors);
  for (const { key } of MMT8_BILATERAL) total += gradePoints(items.right[key]) + gradePoints(items.left[key]);
  return total;
}
