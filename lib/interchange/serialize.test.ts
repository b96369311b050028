import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { emptyMeasures } from '@/lib/visits/fields';
import type { AdverseEventRecord, PatientRecord, RelapseRecord, VisitRecord } from './columns';
import { readImport } from './read';
import { serializeImport, type InterchangeRecords } from './serialize';

const patient = (fields: Partial<PatientRecord> = {}): PatientRecord => ({
  code: 'PSL-001',
  site: 'NORD',
  cohort: 'PILOT',
  sex: 'F',
  birthYear: 1968,
  diagnosisDate: '2019-06-01',
  dmSubtype: 'classic',
  antibodies: ['mda5', 'tif1g'],
  previousTreatments: ['methotrexate', 'hydroxychloroquine'],
  ild: true,
  jakiDrug: 'baricitinib',
  jakiDoseMgDay: 4,
  jakiStartDate: '2024-01-10',
  jakiStopDate: null,
  jakiStopReason: null,
  deathDate: null,
  deathCause: null,
  followUpEndDate: null,
  ...fields,
});

const visit = (fields: Partial<VisitRecord> = {}): VisitRecord => ({
  ...emptyMeasures(),
  patientCode: 'PSL-001',
  visitDate: '2024-01-05',
  visitType: 'baseline',
  cdasiActivity: 27,
  cdasiDamage: 4,
  mmt8: 120,
  prednisoneMgDay: 7.5,
  ivig: 'ongoing',
  activeCutaneous: true,
  activeMuscle: false,
  jakiDoseMgDay: 4,
  physicianGlobal: 5,
  patientGlobal: null,
  extramuscularGlobal: 0.5,
  haq: 1.125,
  ckUL: 1200,
  ...fields,
});

const event = (fields: Partial<AdverseEventRecord> = {}): AdverseEventRecord => ({
  patientCode: 'PSL-001',
  onsetDate: '2024-03-01',
  term: 'Herpes zoster',
  category: 'herpes_zoster',
  ctcaeGrade: 2,
  serious: false,
  related: 'possible',
  action: null,
  outcome: 'recovering',
  endDate: null,
  ...fields,
});

const relapse = (fields: Partial<RelapseRecord> = {}): RelapseRecord => ({
  patientCode: 'PSL-001',
  relapseDate: '2024-05-02',
  domain: 'muscle',
  action: 'steroid_increase',
  ...fields,
});

/** Reads written files back into records (line numbers dropped). */
function readBack(files: ReturnType<typeof serializeImport>): InterchangeRecords {
  const read = readImport(files);
  assert.deepEqual(read.problems, []);
  return {
    patients: read.patients.map((r) => r.value),
    visits: read.visits.map((r) => r.value),
    adverseEvents: read.adverseEvents.map((r) => r.value),
    relapses: read.relapses.map((r) => r.value),
  };
}

describe('serializeImport', () => {
  test("writes the contract's columns in order, header first, \\n after each line, values as the contract spells them", () => {
    const files = serializeImport({
      patients: [patient()],
      visits: [visit({ steroidDrug: 'methylprednisolone', steroidMgDay: 6, ivigDoseGKg: 2, aldolaseUL: 12.5, aldolaseUln: 7.6 })],
      adverseEvents: [event()],
      relapses: [relapse()],
    });
    assert.equal(
      files.patients,
      'patient_code,site,cohort,sex,birth_year,diagnosis_date,dm_subtype,antibodies,previous_treatments,ild,jaki_drug,jaki_dose_mg_day,jaki_start_date,jaki_stop_date,jaki_stop_reason,death_date,death_cause,follow_up_end_date\n' +
        'PSL-001,NORD,PILOT,F,1968,2019-06-01,classic,tif1g;mda5,hydroxychloroquine;methotrexate,yes,baricitinib,4,2024-01-10,,,,,\n',
    );
    assert.equal(
      files.visits,
      'patient_code,visit_date,visit_type,cdasi_activity,cdasi_damage,active_cutaneous,mmt8,active_muscle,jaki_dose_mg_day,steroid_drug,steroid_mg_day,prednisone_mg_day,ivig,ivig_dose_g_kg,ivig_interval_weeks,physician_global,patient_global,extramuscular_global,haq,ck_u_l,ck_uln,aldolase_u_l,aldolase_uln,ldh_u_l,ldh_uln,ast_u_l,ast_uln,alt_u_l,alt_uln\n' +
        'PSL-001,2024-01-05,baseline,27,4,yes,120,no,4,methylprednisolone,6,7.5,ongoing,2,,5,,0.5,1.125,1200,,12.5,7.6,,,,,,\n',
    );
    assert.equal(files.relapses, 'patient_code,relapse_date,domain,action\nPSL-001,2024-05-02,muscle,steroid_increase\n');
    assert.equal(
      files.adverseEvents,
      'patient_code,onset_date,term,category,ctcae_grade,serious,related,action,outcome,end_date\nPSL-001,2024-03-01,Herpes zoster,herpes_zoster,2,no,possible,,recovering,\n',
    );
  });

  test('an empty cohort gives the header lines alone', () => {
    const files = serializeImport({ patients: [], visits: [], adverseEvents: [], relapses: [] });
    assert.equal(files.adverseEvents, 'patient_code,onset_date,term,category,ctcae_grade,serious,related,action,outcome,end_date\n');
    assert.equal(files.relapses, 'patient_code,relapse_date,domain,action\n');
  });

  test('quotes cells with commas, quotes and line breaks, and puts an apostrophe before formula-like text', () => {
    const files = serializeImport({
      patients: [],
      visits: [],
      adverseEvents: [event({ term: '=cmd|"/c calc"!A1' }), event({ onsetDate: '2024-04-01', term: 'Rash, "bullous"\nthen\r\nfever' }), event({ onsetDate: '2024-05-01', term: 'a\rb' })],
      relapses: [],
    });
    const lines = files.adverseEvents.split('\n');
    assert.equal(lines[1], `PSL-001,2024-03-01,"'=cmd|""/c calc""!A1",herpes_zoster,2,no,possible,,recovering,`);
    assert.equal(lines[2], 'PSL-001,2024-04-01,"Rash, ""bullous""');
    assert.ok(files.adverseEvents.includes('"a\rb"'));
  });

  test('sorts patients by code, visits by patient and date, events by patient, onset, term, then the rest', () => {
    const files = serializeImport({
      patients: [patient({ code: 'PSL-010' }), patient({ code: 'PSL-002' }), patient({ code: 'B-1' })],
      visits: [visit({ patientCode: 'PSL-010' }), visit({ visitDate: '2024-04-10', visitType: 'follow_up' }), visit()],
      adverseEvents: [event({ term: 'b' }), event({ term: 'a', ctcaeGrade: 3 }), event({ term: 'a' }), event({ patientCode: 'A-1', onsetDate: '2024-06-01' })],
      relapses: [relapse({ domain: 'skin' }), relapse({ patientCode: 'A-1' }), relapse({ relapseDate: '2024-03-01' })],
    });
    assert.deepEqual(files.patients.split('\n').slice(1, -1).map((l) => l.split(',')[0]), ['B-1', 'PSL-002', 'PSL-010']);
    assert.deepEqual(files.visits.split('\n').slice(1, -1).map((l) => l.split(',').slice(0, 2).join(' ')), [
      'PSL-001 2024-01-05',
      'PSL-001 2024-04-10',
      'PSL-010 2024-01-05',
    ]);
    assert.deepEqual(files.adverseEvents.split('\n').slice(1, -1).map((l) => l.split(',').slice(0, 5).join(' ')), [
      'A-1 2024-06-01 Herpes zoster herpes_zoster 2',
      'PSL-001 2024-03-01 a herpes_zoster 2',
      'PSL-001 2024-03-01 a herpes_zoster 3',
      'PSL-001 2024-03-01 b herpes_zoster 2',
    ]);
    assert.deepEqual(files.relapses.split('\n').slice(1, -1).map((l) => l.split(',').slice(0, 3).join(' ')), [
      'A-1 2024-05-02 muscle',
      'PSL-001 2024-03-01 muscle',
      'PSL-001 2024-05-02 skin',
    ]);
  });

  test('written files read back to the same records, and are written again byte for byte', () => {
    const records: InterchangeRecords = {
      patients: [patient({ deathDate: '2024-06-01', deathCause: '-- progressive ILD, "rapid"\nsee notes' }), patient({ code: 'PSL-002', antibodies: [], ild: null })],
      visits: [visit(), visit({ visitDate: '2024-04-10', visitType: 'follow_up', prednisoneMgDay: 0.0001, ckUL: null, ivig: null })],
      adverseEvents: [event({ term: "@risk '=x" }), event({ term: "'=already", onsetDate: '2024-02-01' })],
      relapses: [relapse(), relapse({ domain: 'lung', action: null })],
    };
    const files = serializeImport(records);
    const back = readBack(files);
    assert.deepEqual(serializeImport(back), files);
    assert.equal(back.patients[0]!.deathCause, '-- progressive ILD, "rapid"\nsee notes');
    assert.deepEqual(back.adverseEvents.map((e) => e.term).sort(), ["'=already", "@risk '=x"]);
  });

  test('any free text survives the round trip (property)', () => {
    const chars = fc.constantFrom(...'ab =+-@\'",;\n\r\t'.split(''));
    const text = fc.string({ unit: chars, minLength: 1, maxLength: 30 }).filter((s) => s.trim() === s && s !== '');
    fc.assert(
      fc.property(text, text, (term, cause) => {
        const records = { patients: [patient({ deathDate: '2024-06-01', deathCause: cause })], visits: [], adverseEvents: [event({ term })], relapses: [] };
        const files = serializeImport(records);
        const back = readBack(files);
        assert.equal(back.adverseEvents[0]!.term, term);
        assert.equal(back.patients[0]!.deathCause, cause);
        assert.deepEqual(serializeImport(back), files);
      }),
      { numRuns: 2000 },
    );
  });
});
