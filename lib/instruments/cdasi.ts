// CDASI v2 scoring (docs/domain.md). Item wording is ours: the form's text is copyrighted.

export const CDASI_LOCATIONS = [
  { key: 'scalp', label: 'Scalp' },
  { key: 'malar', label: 'Cheeks (malar)' },
  { key: 'periorbital', label: 'Around the eyes' },
  { key: 'restOfFace', label: 'Rest of face' },
  { key: 'vNeck', label: 'Front of neck (V)' },
  { key: 'posteriorNeck', label: 'Back of neck' },
  { key: 'upperBack', label: 'Upper back and shoulders' },
  { key: 'restOfBack', label: 'Lower back and buttocks' },
  { key: 'abdomen', label: 'Abdomen' },
  { key: 'lateralThigh', label: 'Outer upper thigh' },
  { key: 'restOfLeg', label: 'Rest of leg and feet' },
  { key: 'arm', label: 'Arm' },
  { key: 'mechanicsHand', label: "Mechanic's hand" },
  { key: 'dorsumHands', label: 'Back of hands, between joints' },
  { key: 'gottronElsewhere', label: "Gottron's off the hands" },
] as const;

export type CdasiLocationKey = (typeof CDASI_LOCATIONS)[number]['key'];

export type CdasiLocation = {
  erythema: number; // 0 absent, 1 pink, 2 red, 3 dark red
  scale: number; // 0 absent, 1 scale, 2 crust or lichenification
  erosion: number; // 0–1, erosion or ulceration
  poikiloderma: number; // 0–1, damage
  calcinosis: number; // 0–1, damage
};

export type CdasiItems = {
  locations: Record<CdasiLocationKey, CdasiLocation>;
  gottronHands: { erythema: number; papules: boolean; ulceration: number; damage: number };
  periungual: number; // 0–2
  hairLoss: number; // 0–1
};

/** Highest value each item may take; the form and the validator read these. */
export const CDASI_ITEM_MAX = {
  erythema: 3,
  scale: 2,
  erosion: 1,
  poikiloderma: 1,
  calcinosis: 1,
  gottronErythema: 3,
  gottronUlceration: 1,
  gottronDamage: 2,
  periungual: 2,
  hairLoss: 1,
} as const;

export const CDASI_ACTIVITY_MAX = 100;
export const CDASI_DAMAGE_MAX = 32;

export function emptyCdasiItems(): CdasiItems {
  const locations = Object.fromEntries(
    CDASI_LOCATIONS.map(({ key }) => [key, { erythema: 0, scale: 0, erosion: 0, poikiloderma: 0, calcinosis: 0 }]),
  ) as Record<CdasiLocationKey, CdasiLocation>;
  return { locations, gottronHands: { erythema: 0, papules: false, ulceration: 0, damage: 0 }, periungual: 0, hairLoss: 0 };
}

export function cdasiScores(items: CdasiItems): { activity: number; damage: number } {
  let activity = 0;
  let damage = 0;
  for (const { key } of CDASI_LOCATIONS) {
    const l = items.locations[key];
    activity += l.erythema + l.scale + l.erosion;
    damage += l.poikiloderma + l.calcinosis;
  }
  const g = items.gottronHands;
  // Gottron's erythema on the hands counts double when papules are present (0–6).
  activity += g.erythema * (g.papules ? 2 : 1) + g.ulceration + items.periungual + items.hairLoss;
  damage += g.damage;
  return { activity, damage };
}

export function maximalCdasiItems(): CdasiItems {
  const items = emptyCdasiItems();
  for (const { key } of CDASI_LOCATIONS) {
    items.locations[key] = {
      erythema: CDASI_ITEM_MAX.erythema,
      scale: CDASI_ITEM_MAX.scale,
      erosion: CDASI_ITEM_MAX.erosion,
      poikiloderma: CDASI_ITEM_MAX.poikiloderma,
      calcinosis: CDASI_ITEM_MAX.calcinosis,
    };
  }
  items.gottronHands = {
    erythema: CDASI_ITEM_MAX.gottronErythema,
    papules: true,
    ulceration: CDASI_ITEM_MAX.gottronUlceration,
    damage: CDASI_ITEM_MAX.gottronDamage,
  };
  items.periungual = CDASI_ITEM_MAX.periungual;
  items.hairLoss = CDASI_ITEM_MAX.hairLoss;
  return items;
}
