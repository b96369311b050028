import { z } from 'zod';
import { CDASI_ITEM_MAX, CDASI_LOCATIONS, type CdasiItems } from '@/lib/instruments/cdasi';
import { KENDALL_MAX, MMT8_BILATERAL, type Mmt8Items } from '@/lib/instruments/mmt8';

// Calculator items as the browser sends them: numbers from 0 to the item's maximum. An object
// missing or of the wrong shape (only a broken or hostile client sends one) names its calculator.
const CDASI_SHAPE = { error: 'The CDASI calculator items are incomplete: reopen the calculator' };
const MMT8_SHAPE = { error: 'The MMT8 calculator grades are incomplete: reopen the calculator' };

const score = (max: number) => {
  const message = `Each calculator score must be a whole number from 0 to ${max}`;
  return z.number({ error: message }).int(message).min(0, message).max(max, message);
};

const location = z.object(
  {
    erythema: score(CDASI_ITEM_MAX.erythema),
    scale: score(CDASI_ITEM_MAX.scale),
    erosion: score(CDASI_ITEM_MAX.erosion),
    poikiloderma: score(CDASI_ITEM_MAX.poikiloderma),
    calcinosis: score(CDASI_ITEM_MAX.calcinosis),
  },
  CDASI_SHAPE,
);

export const cdasiItemsSchema = z.object(
  {
    locations: z.object(Object.fromEntries(CDASI_LOCATIONS.map(({ key }) => [key, location])), CDASI_SHAPE),
    gottronHands: z.object(
      {
        erythema: score(CDASI_ITEM_MAX.gottronErythema),
        papules: z.boolean({ error: 'Gottron papules must be ticked or not' }),
        ulceration: score(CDASI_ITEM_MAX.gottronUlceration),
        damage: score(CDASI_ITEM_MAX.gottronDamage),
      },
      CDASI_SHAPE,
    ),
    periungual: score(CDASI_ITEM_MAX.periungual),
    hairLoss: score(CDASI_ITEM_MAX.hairLoss),
  },
  CDASI_SHAPE,
) as unknown as z.ZodType<CdasiItems, CdasiItems>;

const gradeMessage = `Each MMT8 grade must be T or a whole number from 0 to ${KENDALL_MAX}`;
const grade = z.union([z.literal('T'), z.number().int().min(0).max(KENDALL_MAX)], { error: gradeMessage });
const side = z.object(Object.fromEntries(MMT8_BILATERAL.map(({ key }) => [key, grade])), MMT8_SHAPE);

export const mmt8ItemsSchema = z.object(
  {
    neckFlexors: grade,
    right: side,
    left: side,
  },
  MMT8_SHAPE,
) as unknown as z.ZodType<Mmt8Items, Mmt8Items>;
