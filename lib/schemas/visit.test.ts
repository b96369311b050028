import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { addDays, todayIso } from '@/lib/dates';
import { emptyCdasiItems, type CdasiItems } from '@/lib/instruments/cdasi';
import { uniformMmt8Items, type Mmt8Items } from '@/lib/instruments/mmt8';
import { emptyMeasures } from '@/lib/visits/fields';
import { visitEditSchema, visitSchema } from './visit';
import { messages } from '@/test-support/messages';

// What the visit form sends: every input as a string, '' when left blank.
function form(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    visitDate: '2024-03-01',
    visitType: 'baseline',
    cdasiActivity: '',
    cdasiDamage: '',
    mmt8: '',
    prednisoneMgDay: '',
    ivig: '',
    ivigDoseGKg: '',
    ivigIntervalWeeks: '',
    jakiDoseMgDay: '',
    activeCutaneous: '',
    activeMuscle: '',
    physicianGlobal: '',
    patientGlobal: '',
    extramuscularGlobal: '',
    haq: '',
    ckUL: '',
    ...overrides,
  };
}

function parse(overrides: Record<string, unknown>) {
  return visitSchema.safeParse(form(overrides));
}

function value(overrides: Record<string, unknown>) {
  const r = parse(overrides);
  assert.equal(r.success, true, JSON.stringify(messages(r)));
  return r.data!;
}

/** The only message of the whole parse, and the field it sits on. */
function onlyMessage(overrides: Record<string, unknown>, schema: typeof visitSchema | typeof visitEditSchema = visitSchema) {
  const r = schema.safeParse(form(overrides));
  assert.equal(r.success, false, 'expected the input to be refused');
  return messages(r);
}

// Worked example 1 of cdasi.test.ts: activity 15, damage 2.
function exampleCdasiItems(): CdasiItems {
  const items = emptyCdasiItems();
  items.locations.malar = { erythema: 2, scale: 1, erosion: 0, poikiloderma: 0, calcinosis: 0 };
  items.locations.periorbital = { erythema: 3, scale: 0, erosion: 0, poikiloderma: 0, calcinosis: 0 };
  items.locations.vNeck = { erythema: 2, scale: 0, erosion: 1, poikiloderma: 1, calcinosis: 0 };
  items.gottronHands = { erythema: 2, papules: true, ulceration: 0, damage: 1 };
  items.periungual = 1;
  items.hairLoss = 1;
  return items;
}

// Worked example of mmt8.test.ts: 8 + 62 + 39 = 109, with a trace grade.
function exampleMmt8Items(): Mmt8Items {
  return {
    neckFlexors: 8,
    right: { deltoid: 9, biceps: 10, wristExtensors: 10, gluteusMaximus: 7, gluteusMedius: 7, quadriceps: 9, ankleDorsiflexors: 10 },
    left: { deltoid: 6, biceps: 8, wristExtensors: 'T', gluteusMaximus: 5, gluteusMedius: 4, quadriceps: 7, ankleDorsiflexors: 9 },
  };
}

describe('visitSchema: a complete visit', () => {
  test('turns the form strings into typed values', () => {
    const v = value({
      visitType: 'follow_up',
      cdasiActivity: '27',
      cdasiDamage: '4',
      mmt8: '120',
      prednisoneMgDay: '7.5',
      ivig: 'ongoing',
      ivigDoseGKg: '2',
      ivigIntervalWeeks: '4',
      jakiDoseMgDay: '4',
      activeCutaneous: 'yes',
      activeMuscle: 'no',
      physicianGlobal: '4.5',
      patientGlobal: '6',
      extramuscularGlobal: '2.5',
      haq: '1.125',
      ckUL: '350',
    });
    assert.deepEqual(v, {
      ...emptyMeasures(),
      visitDate: '2024-03-01',
      visitType: 'follow_up',
      cdasiActivity: 27,
      cdasiDamage: 4,
      cdasiItems: null,
      mmt8: 120,
      mmt8Items: null,
      prednisoneMgDay: 7.5,
      ivig: 'ongoing',
      ivigDoseGKg: 2,
      ivigIntervalWeeks: 4,
      jakiDoseMgDay: 4,
      activeCutaneous: true,
      activeMuscle: false,
      physicianGlobal: 4.5,
      patientGlobal: 6,
      extramuscularGlobal: 2.5,
      haq: 1.125,
      ckUL: 350,
    });
  });

  test('a visit with only its date and type is valid, every measure "not recorded"', () => {
    const v = value({});
    assert.equal(v.cdasiActivity, null);
    assert.equal(v.mmt8, null);
    assert.equal(v.ivig, null);
    assert.equal(v.activeCutaneous, null);
    assert.equal(v.cdasiItems, null);
  });

  test('fields left out altogether mean "not recorded", like empty ones', () => {
    const r = visitSchema.safeParse({ visitDate: '2024-03-01', visitType: 'baseline' });
    assert.equal(r.success, true, JSON.stringify(messages(r)));
    assert.equal(r.data!.cdasiActivity, null);
    assert.equal(r.data!.haq, null);
    assert.equal(r.data!.ivig, null);
    assert.equal(r.data!.activeMuscle, null);
  });

  test('numbers may also arrive as numbers, and surrounding spaces are ignored', () => {
    const v = value({ cdasiActivity: 12, mmt8: ' 130 ', prednisoneMgDay: 5 });
    assert.equal(v.cdasiActivity, 12);
    assert.equal(v.mmt8, 130);
    assert.equal(v.prednisoneMgDay, 5);
  });
});

describe('visitSchema: out-of-range values name the field and its range', () => {
  const cases: [field: string, input: string, message: string][] = [
    ['cdasiActivity', '140', 'CDASI activity must be between 0 and 100'],
    ['cdasiActivity', '101', 'CDASI activity must be between 0 and 100'],
    ['cdasiActivity', '-1', 'CDASI activity must be between 0 and 100'],
    ['cdasiDamage', '33', 'CDASI damage must be between 0 and 32'],
    ['mmt8', '151', 'MMT8 must be between 0 and 150'],
    ['prednisoneMgDay', '-2.5', 'Prednisone equivalent must be between 0 and 1500'],
    ['jakiDoseMgDay', '101', 'JAK inhibitor dose must be between 0 and 100'],
    ['physicianGlobal', '10.5', 'Physician global activity must be between 0 and 10'],
    ['patientGlobal', '11', 'Patient global activity must be between 0 and 10'],
    ['extramuscularGlobal', '-0.5', 'Extramuscular global activity must be between 0 and 10'],
    ['haq', '3.125', 'HAQ disability index must be between 0 and 3'],
    ['ckUL', '-1', 'CK must be between 0 and 1000000'],
  ];
  for (const [field, input, message] of cases) {
    test(`${field} '${input}' gives exactly "${message}"`, () => {
      assert.deepEqual(onlyMessage({ [field]: input }), { [field]: [message] });
    });
  }

  test('IVIG dose and interval have their own ranges', () => {
    assert.deepEqual(onlyMessage({ ivig: 'ongoing', ivigDoseGKg: '0', ivigIntervalWeeks: '4' }), {
      ivigDoseGKg: ['IVIG dose must be more than 0 and at most 3'],
    });
    assert.deepEqual(onlyMessage({ ivig: 'ongoing', ivigDoseGKg: '2', ivigIntervalWeeks: '0' }), {
      ivigIntervalWeeks: ['IVIG interval must be between 1 and 12'],
    });
  });

  test('the ends of each range are accepted', () => {
    assert.equal(value({ cdasiActivity: '0' }).cdasiActivity, 0);
    assert.equal(value({ cdasiActivity: '100' }).cdasiActivity, 100);
    assert.equal(value({ cdasiDamage: '32' }).cdasiDamage, 32);
    assert.equal(value({ mmt8: '150' }).mmt8, 150);
    assert.equal(value({ haq: '3' }).haq, 3);
    assert.equal(value({ physicianGlobal: '10' }).physicianGlobal, 10);
    assert.equal(value({ prednisoneMgDay: '0' }).prednisoneMgDay, 0);
  });
});

describe('visitSchema: a decimal comma', () => {
  test("'7,5' reads as 7.5, as clinics using a decimal comma type it", () => {
    assert.equal(value({ prednisoneMgDay: '7,5' }).prednisoneMgDay, 7.5);
  });
  test("where a whole number is required, '12,0' is 12 and '12,5' is refused", () => {
    assert.equal(value({ cdasiActivity: '12,0' }).cdasiActivity, 12);
    assert.deepEqual(onlyMessage({ cdasiActivity: '12,5' }), { cdasiActivity: ['CDASI activity must be a whole number'] });
  });
});

describe('visitSchema: what is not a number', () => {
  for (const input of ['abc', '12abc', '1e2', '7,5,0', '1.000,5', '.5', 'NaN', 'Infinity', '--1', '1 2']) {
    test(`'${input}' is refused as "must be a number"`, () => {
      assert.deepEqual(onlyMessage({ cdasiActivity: input }), { cdasiActivity: ['CDASI activity must be a number'] });
      assert.deepEqual(onlyMessage({ prednisoneMgDay: input }), { prednisoneMgDay: ['Prednisone equivalent must be a number'] });
    });
  }

  test('NaN and Infinity sent as numbers are refused on their field', () => {
    // zod's own number type turns these away before the field's check, with its generic message.
    assert.deepEqual(Object.keys(onlyMessage({ haq: Number.NaN })), ['haq']);
    assert.deepEqual(Object.keys(onlyMessage({ ckUL: Number.POSITIVE_INFINITY })), ['ckUL']);
  });
});

describe('visitSchema: decimals where whole numbers are required', () => {
  test('CDASI, MMT8 and the IVIG interval take whole numbers only', () => {
    assert.deepEqual(onlyMessage({ cdasiActivity: '12.5' }), { cdasiActivity: ['CDASI activity must be a whole number'] });
    assert.deepEqual(onlyMessage({ cdasiDamage: '0.5' }), { cdasiDamage: ['CDASI damage must be a whole number'] });
    assert.deepEqual(onlyMessage({ mmt8: 120.5 }), { mmt8: ['MMT8 must be a whole number'] });
    assert.deepEqual(onlyMessage({ ivig: 'ongoing', ivigDoseGKg: '2', ivigIntervalWeeks: '4.5' }), {
      ivigIntervalWeeks: ['IVIG interval must be a whole number'],
    });
  });

  test('a whole number written with a decimal point is accepted', () => {
    assert.equal(value({ cdasiActivity: '12.0' }).cdasiActivity, 12);
  });

  test('doses, globals and HAQ take decimals', () => {
    const v = value({ prednisoneMgDay: '2.5', jakiDoseMgDay: '7.5', physicianGlobal: '0.5', haq: '0.375' });
    assert.equal(v.prednisoneMgDay, 2.5);
    assert.equal(v.jakiDoseMgDay, 7.5);
    assert.equal(v.physicianGlobal, 0.5);
    assert.equal(v.haq, 0.375);
  });
});

describe('visitSchema: blanks', () => {
  test("an empty string, spaces, null or undefined mean null (not recorded), never 0", () => {
    for (const blank of ['', '   ', null, undefined]) {
      const v = value({ cdasiActivity: blank, mmt8: blank, haq: blank, ckUL: blank, ivig: blank, activeCutaneous: blank });
      assert.equal(v.cdasiActivity, null);
      assert.equal(v.mmt8, null);
      assert.equal(v.haq, null);
      assert.equal(v.ckUL, null);
      assert.equal(v.ivig, null);
      assert.equal(v.activeCutaneous, null);
    }
  });

  test('yes/no answers are true, false or null; anything else is refused', () => {
    assert.equal(value({ activeCutaneous: 'yes' }).activeCutaneous, true);
    assert.equal(value({ activeCutaneous: 'no' }).activeCutaneous, false);
    assert.equal(value({ activeMuscle: true }).activeMuscle, true);
    assert.deepEqual(onlyMessage({ activeCutaneous: 'maybe' }), { activeCutaneous: ['Active cutaneous disease must be yes or no'] });
  });
});

describe('visitSchema: date and type', () => {
  test('a visit dated tomorrow is refused', () => {
    assert.deepEqual(onlyMessage({ visitDate: addDays(todayIso(), 1) }), { visitDate: ['Visit date cannot be in the future'] });
  });

  test('a visit dated today is accepted', () => {
    assert.equal(value({ visitDate: todayIso() }).visitDate, todayIso());
  });

  test('the visit date is required and must be a real date', () => {
    assert.deepEqual(onlyMessage({ visitDate: '' }), { visitDate: ['Visit date is required'] });
    assert.deepEqual(onlyMessage({ visitDate: undefined }), { visitDate: ['Visit date is required'] });
    assert.deepEqual(onlyMessage({ visitDate: '2023-02-29' }), { visitDate: ['Visit date must be a date (YYYY-MM-DD)'] });
    assert.deepEqual(onlyMessage({ visitDate: '01/03/2024' }), { visitDate: ['Visit date must be a date (YYYY-MM-DD)'] });
  });

  test('the visit type is required and must be baseline or follow-up', () => {
    assert.deepEqual(onlyMessage({ visitType: '' }), { visitType: ['Visit type is required'] });
    assert.deepEqual(onlyMessage({ visitType: 'screening' }), { visitType: ['Visit type must be one of baseline, follow_up'] });
  });
});

describe('visitSchema: calculators must agree with the typed totals', () => {
  test('CDASI items whose totals match are kept with the totals', () => {
    const v = value({ cdasiItems: exampleCdasiItems(), cdasiActivity: '15', cdasiDamage: '2' });
    assert.equal(v.cdasiActivity, 15);
    assert.equal(v.cdasiDamage, 2);
    assert.deepEqual(v.cdasiItems, exampleCdasiItems());
  });

  test('a CDASI activity that disagrees with the items is refused, naming the calculated total', () => {
    assert.deepEqual(onlyMessage({ cdasiItems: exampleCdasiItems(), cdasiActivity: '14', cdasiDamage: '2' }), {
      cdasiActivity: ["CDASI activity must equal the calculator's total (15)"],
    });
  });

  test('Gottron papules double the erythema: typing the undoubled total is refused', () => {
    // Without papules the example scores 13; with papules 15. Typing 13 with papules ticked is refused.
    const items = exampleCdasiItems();
    assert.deepEqual(onlyMessage({ cdasiItems: items, cdasiActivity: '13', cdasiDamage: '2' }), {
      cdasiActivity: ["CDASI activity must equal the calculator's total (15)"],
    });
    items.gottronHands.papules = false;
    assert.equal(value({ cdasiItems: items, cdasiActivity: '13', cdasiDamage: '2' }).cdasiActivity, 13);
  });

  test('items with blank totals are refused: the totals must be filled in', () => {
    assert.deepEqual(onlyMessage({ cdasiItems: exampleCdasiItems(), cdasiActivity: '15', cdasiDamage: '' }), {
      cdasiDamage: ["CDASI damage must equal the calculator's total (2)"],
    });
  });

  test('an item above its maximum is refused on that item', () => {
    const items = exampleCdasiItems();
    items.locations.scalp.erythema = 4;
    const m = onlyMessage({ cdasiItems: items, cdasiActivity: '19', cdasiDamage: '2' });
    assert.deepEqual(Object.keys(m), ['cdasiItems.locations.scalp.erythema']);
  });

  test('MMT8 grades whose total matches are kept, trace included', () => {
    const v = value({ mmt8Items: exampleMmt8Items(), mmt8: '109' });
    assert.equal(v.mmt8, 109);
    assert.equal(v.mmt8Items?.left.wristExtensors, 'T');
  });

  test('an MMT8 total that disagrees with the grades is refused, naming the calculated total', () => {
    assert.deepEqual(onlyMessage({ mmt8Items: exampleMmt8Items(), mmt8: '110' }), {
      mmt8: ["MMT8 must equal the calculator's total (109)"],
    });
    assert.deepEqual(onlyMessage({ mmt8Items: uniformMmt8Items('T'), mmt8: '' }), {
      mmt8: ["MMT8 must equal the calculator's total (0)"],
    });
  });

  test('a grade above 10 is refused on that grade', () => {
    const items = exampleMmt8Items();
    items.right.biceps = 11;
    const m = onlyMessage({ mmt8Items: items, mmt8: '110' });
    assert.deepEqual(Object.keys(m), ['mmt8Items.right.biceps']);
  });
});

describe('visitSchema: IVIG', () => {
  test('ongoing IVIG may leave its dose and interval unrecorded (old records often lack them)', () => {
    const v = value({ ivig: 'ongoing' });
    assert.deepEqual([v.ivig, v.ivigDoseGKg, v.ivigIntervalWeeks], ['ongoing', null, null]);
    assert.equal(value({ ivig: 'ongoing', ivigDoseGKg: '2' }).ivigIntervalWeeks, null);
  });

  test('ongoing IVIG with dose and interval is accepted (2 g/kg every 4 weeks)', () => {
    const v = value({ ivig: 'ongoing', ivigDoseGKg: '2', ivigIntervalWeeks: '4' });
    assert.deepEqual([v.ivig, v.ivigDoseGKg, v.ivigIntervalWeeks], ['ongoing', 2, 4]);
  });

  test('a dose or interval without ongoing IVIG is refused on that field', () => {
    for (const ivig of ['none', 'stopped', '']) {
      assert.deepEqual(onlyMessage({ ivig, ivigDoseGKg: '2', ivigIntervalWeeks: '4' }), {
        ivigDoseGKg: ['IVIG dose is only recorded while IVIG is ongoing'],
        ivigIntervalWeeks: ['IVIG interval is only recorded while IVIG is ongoing'],
      });
    }
  });

  test('stopped or no IVIG needs nothing more', () => {
    assert.equal(value({ ivig: 'stopped' }).ivig, 'stopped');
    assert.equal(value({ ivig: 'none' }).ivig, 'none');
  });

  test('an unknown status is refused', () => {
    assert.deepEqual(onlyMessage({ ivig: 'monthly' }), { ivig: ['IVIG must be one of none, ongoing, stopped'] });
  });
});

describe('visitEditSchema', () => {
  const edit = (overrides: Record<string, unknown>) => visitEditSchema.safeParse(form({ reason: 'Typo in the CDASI total', version: '3', ...overrides }));

  test('an edit carries its reason and the version it was read at', () => {
    const r = edit({ cdasiActivity: '20' });
    assert.equal(r.success, true, JSON.stringify(messages(r)));
    assert.equal(r.data!.reason, 'Typo in the CDASI total');
    assert.equal(r.data!.version, 3);
    assert.equal(r.data!.cdasiActivity, 20);
  });

  test('an edit without a reason is refused on the reason', () => {
    for (const reason of ['', '   ', 'ab', '  ab  ']) {
      assert.deepEqual(messages(edit({ reason })), { reason: ['Give a reason for the change (at least 3 characters)'] }, JSON.stringify(reason));
    }
    const missing = messages(edit({ reason: undefined }));
    assert.deepEqual(Object.keys(missing), ['reason']);
  });

  test('the reason is trimmed and at most 500 characters', () => {
    assert.equal(edit({ reason: '  fixed date  ' }).data?.reason, 'fixed date');
    assert.deepEqual(messages(edit({ reason: 'x'.repeat(501) })), { reason: ['The reason must be at most 500 characters'] });
    assert.equal(edit({ reason: 'x'.repeat(500) }).success, true);
  });

  test('the version must be a positive whole number', () => {
    for (const version of ['0', '-1', '1.5', 'abc', '']) assert.deepEqual(Object.keys(messages(edit({ version }))), ['version'], version);
  });

  test('an edit obeys the same rules as a new visit', () => {
    assert.deepEqual(messages(edit({ visitDate: addDays(todayIso(), 1) })), { visitDate: ['Visit date cannot be in the future'] });
    assert.deepEqual(messages(edit({ cdasiActivity: '140' })), { cdasiActivity: ['CDASI activity must be between 0 and 100'] });
    assert.deepEqual(messages(edit({ mmt8Items: exampleMmt8Items(), mmt8: '100' })), { mmt8: ["MMT8 must equal the calculator's total (109)"] });
    assert.deepEqual(messages(edit({ ivig: 'none', ivigDoseGKg: '2' })), { ivigDoseGKg: ['IVIG dose is only recorded while IVIG is ongoing'] });
  });
});

describe('visitSchema: glucocorticoids and enzymes (contract v2)', () => {
  test('another glucocorticoid gives its prednisone equivalent, filled in', () => {
    const v = value({ steroidDrug: 'methylprednisolone', steroidMgDay: '16' });
    assert.deepEqual([v.steroidDrug, v.steroidMgDay, v.prednisoneMgDay], ['methylprednisolone', 16, 20]);
    assert.equal(value({ steroidDrug: 'dexamethasone', steroidMgDay: '1', prednisoneMgDay: '6.67' }).prednisoneMgDay, 6.67);
  });

  test('a drug without its dose, a dose without its drug, or a typed equivalent that disagrees is refused at the field', () => {
    assert.deepEqual(onlyMessage({ steroidDrug: 'hydrocortisone' }), { steroidMgDay: ['Give the daily dose of hydrocortisone'] });
    assert.deepEqual(onlyMessage({ steroidMgDay: '20' }), {
      steroidDrug: ['Choose the glucocorticoid given with this dose (or leave the dose empty and type the prednisone equivalent)'],
    });
    assert.deepEqual(onlyMessage({ steroidDrug: 'hydrocortisone', steroidMgDay: '20', prednisoneMgDay: '20' }), {
      prednisoneMgDay: ['The prednisone equivalent of 20 mg/day hydrocortisone is 5, not 20'],
    });
    assert.deepEqual(onlyMessage({ steroidDrug: 'cortisone', steroidMgDay: '20' }), {
      steroidDrug: ['Glucocorticoid must be one of prednisone, prednisolone, methylprednisolone, hydrocortisone, dexamethasone, deflazacort'],
    });
    assert.deepEqual(onlyMessage({ steroidDrug: 'prednisone', steroidMgDay: '0' }), { steroidMgDay: ['Glucocorticoid dose must be more than 0 and at most 2000'] });
  });

  test('enzymes and their upper limits of normal are positive; CK may be 0', () => {
    const v = value({ ckUL: '0', ckUln: '190', aldolaseUL: '12.4', aldolaseUln: '7.6', ldhUL: '480', ldhUln: '250', astUL: '60', astUln: '40', altUL: '55', altUln: '45' });
    assert.deepEqual([v.ckUL, v.ckUln, v.aldolaseUL, v.aldolaseUln, v.altUln], [0, 190, 12.4, 7.6, 45]);
    assert.deepEqual(onlyMessage({ aldolaseUL: '0' }), { aldolaseUL: ['Aldolase must be more than 0 and at most 1000000'] });
    assert.deepEqual(onlyMessage({ ldhUln: '-5' }), { ldhUln: ['LDH upper limit of normal must be more than 0 and at most 1000000'] });
  });
});
