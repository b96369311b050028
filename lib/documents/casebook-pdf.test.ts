import { test } from 'node:test';
import assert from 'node:assert/strict';
import { casebookOf, casebookQueries, casebookSignatures, type CasebookSource, type HistoryStep } from '@/lib/audit/casebook';
import { uniformMmt8Items } from '@/lib/instruments/mmt8';
import { pdfPages, pdfText, wordsBelow } from '@/test-support/pdf-text';
import { casebookPdf } from './casebook-pdf';

// A patient's casebook as a reader gets it, read back with pdftotext: the records in their
// forms' words, their history and their source verification; the queries and signatures
// sections only when their data are given.

const SITE = '9a0b1c2d-3e4f-4a5b-8c6d-7e8f9a0b1c2d';
const COHORT = '1b2c3d4e-5f60-4718-8293-a4b5c6d7e8f9';
const PATIENT = '04c62842-1111-4222-8333-944455556666';
const VISIT = 'a0a0a0a0-b1b1-4c2c-8d3d-e4e4e4e4e4e4';
const EVENT = 'b0b0b0b0-c1c1-4d2d-8e3e-f4f4f4f4f4f4';
const AUDITOR = 'user-auditor';

const patient = {
  id: PATIENT,
  code: 'PSL-005',
  siteId: SITE,
  cohortId: COHORT,
  sex: 'F',
  birthYear: 1970,
  diagnosisDate: '2022-06-01',
  dmSubtype: 'classic',
  ild: false,
  antibodies: ['mda5'],
  previousTreatments: ['methotrexate'],
  jakiDrug: 'baricitinib',
  jakiDoseMgDay: 4,
  jakiStartDate: '2024-01-15',
  voidedAt: null,
};
const visit = { id: VISIT, patientId: PATIENT, visitDate: '2024-01-22', visitType: 'baseline', cdasiActivity: 20, mmt8: 120, ckUL: 240, mmt8Items: uniformMmt8Items(8), version: 2, voidedAt: null };
const event = { id: EVENT, patientId: PATIENT, term: 'Pulmonary embolism', category: 'thromboembolic', onsetDate: '2024-03-01', ctcaeGrade: 3, voidedAt: '2024-03-05T10:00:00.000Z', voidReason: 'entered twice' };

const step = (at: string, action: string, before: unknown, after: unknown, reason: string | null = null): HistoryStep => ({
  at: new Date(at),
  actorId: 'user-clinician',
  actorName: 'Claire Martin',
  action,
  reason,
  before,
  after,
});

function source(): CasebookSource {
  return {
    patientCode: 'PSL-005',
    siteCode: 'NORD',
    cohortCode: 'DEMO-JAKI',
    cohortLockedAt: null,
    records: [
      { entity: 'patient', id: PATIENT, values: patient },
      { entity: 'visit', id: VISIT, values: visit },
      { entity: 'adverse_event', id: EVENT, values: event },
    ],
    history: new Map([
      [PATIENT, [step('2024-01-15T09:00:00Z', 'create', null, patient)]],
      [VISIT, [step('2024-01-22T09:00:00Z', 'create', null, { ...visit, ckUL: 200, version: 1 }), step('2024-01-23T09:00:00Z', 'update', { ...visit, ckUL: 200 }, visit, 'CK from the lab report')]],
      [EVENT, [step('2024-03-01T09:00:00Z', 'create', null, event), step('2024-03-05T10:00:00Z', 'void', event, event, 'entered twice')]],
    ]),
    checks: new Map([[VISIT, { state: 'changed' as const, verifiedAt: new Date('2024-01-22T12:00:00Z'), verifiedBy: AUDITOR }]]),
    names: { [SITE]: 'NORD', [COHORT]: 'DEMO-JAKI' },
    people: { [AUDITOR]: 'Marc Dubois' },
  };
}

const GENERATED = { generatedAt: new Date('2026-02-01T08:30:00Z'), generatedBy: 'Marc Dubois (auditor@demo.test)' };

test('every record in its form’s words, its history and its verification; headed, numbered, 9 pt or more', async () => {
  const pdf = await casebookPdf(casebookOf(source(), GENERATED));
  const raw = pdfText(pdf);
  const text = raw.replace(/\s+/g, ' ');
  assert.match(text, /Casebook of patient PSL-005/);
  assert.match(text, /Site NORD · cohort DEMO-JAKI/);
  // The patient: labels and codes in words, its site by code.
  assert.match(text, /Myositis antibodies\s+MDA5/i);
  assert.match(text, /JAK inhibitor dose 4 mg\/day/);
  assert.match(text, /Site NORD/);
  // The visit: its measures by label, the MMT8 grades as their grid, its correction with the reason.
  assert.match(text, /Visit 2024-01-22 · Baseline/);
  assert.match(text, /CK 240 U\/L/);
  assert.match(text, /MMT8 grades Right Left/);
  assert.match(text, /Deltoid 8 8/);
  // Table cells wrap: the reason and the change are checked apart.
  assert.match(text, /CK from the lab/);
  assert.match(text, /Changed CK from the lab CK: 200 U\/L → 240 U\/L/);
  assert.match(text, /Source verification: changed since verified \(verified on 2024-01-22 12:00 UTC by Marc Dubois\)/);
  assert.match(text, /0 \/ 1 verified \(0%\), 1 changed since/);
  // The voided event: kept, marked, with its void in its history.
  assert.match(text, /Adverse event: Pulmonary embolism · onset 2024-03-01 \(voided\)/);
  assert.match(text, /Voided 2024-03-05 10:00 UTC: entered twice/);
  assert.match(text, /Category Venous thromboembolism|Category Thromboembolic/);
  // No stored key, no id as a name.
  assert.doesNotMatch(text, /ckUL|jakiDoseMgDay|mmt8Items|[0-9a-f]{8}-[0-9a-f]{4}-/);
  // No sections for data not given.
  assert.doesNotMatch(text, /Queries on the data|Electronic signatures/);

  const pages = raw.split('\f').filter((p) => p.trim());
  assert.ok(pages.length >= 2);
  pages.forEach((p, i) => {
    assert.match(p, /Casebook PSL-005 · generated 2026-02-01 08:30 UTC by Marc Dubois \(auditor@demo\.test\)/, `page ${i + 1} header`);
    assert.match(p, new RegExp(`Page ${i + 1} of ${pages.length}`), `page ${i + 1} number`);
  });
  assert.deepEqual(wordsBelow(pdfPages(pdf), 9), []);
});

test('the queries and signatures given are printed in their own sections; given empty, each says there is none', async () => {
  const withBoth = casebookOf(source(), {
    ...GENERATED,
    queries: [
      {
        record: 'PSL-005 · visit 2024-01-22',
        field: 'CK',
        state: 'closed',
        steps: [
          { at: new Date('2024-02-01T10:00:00Z'), by: 'Marc Dubois', what: 'raised', text: 'CK 200 or 240 on the lab report?' },
          { at: new Date('2024-02-02T10:00:00Z'), by: 'Claire Martin', what: 'answered', text: 'Corrected to 240' },
        ],
      },
    ],
    signatures: [{ record: 'PSL-005 · casebook', meaning: 'reviewed and approved', signedBy: 'Dr Anne Roy', signedAt: new Date('2024-04-01T16:00:00Z'), status: 'valid' }],
  });
  const text = pdfText(await casebookPdf(withBoth)).replace(/\s+/g, ' ');
  assert.match(text, /Queries on the data/);
  assert.match(text, /raised by Marc Dubois: CK 200 or 240 on the lab report\?/);
  assert.match(text, /answered by Claire Martin: Corrected to 240/);
  assert.match(text, /Electronic signatures/);
  assert.match(text, /PSL-005 · casebook Dr Anne Roy 2024-04-01 reviewed and valid/);

  const empty = pdfText(await casebookPdf(casebookOf(source(), { ...GENERATED, queries: [], signatures: [] }))).replace(/\s+/g, ' ');
  assert.match(empty, /No query was raised on this patient’s records/);
  assert.match(empty, /No signature on this patient’s records/);
});

test('a stored query reads as the casebook names its record, with the field\'s label and unit and each step in words', () => {
  const at = (d: string) => new Date(`${d}T10:00:00Z`);
  const [query, lost] = casebookQueries(
    [
      {
        entity: 'visit',
        recordId: VISIT,
        field: 'ckUL',
        state: 'closed',
        steps: [
          { step: 'raise', actorId: AUDITOR, actorName: 'Marc Dubois', at: at('2024-02-01'), text: 'CK 200 or 240?', changedVersion: null },
          { step: 'answer', actorId: 'user-clinician', actorName: 'Claire Martin', at: at('2024-02-02'), text: 'Corrected from the lab report', changedVersion: 3 },
          { step: 'close', actorId: AUDITOR, actorName: 'Marc Dubois', at: at('2024-02-03'), text: null, changedVersion: null },
        ],
      },
      { entity: 'relapse', recordId: 'gone', field: 'domain', state: 'open', steps: [] },
    ],
    source(),
  );
  assert.equal(query!.record, 'Visit 2024-01-22 · Baseline');
  assert.match(query!.field, /^CK \(/);
  assert.equal(query!.state, 'closed');
  assert.deepEqual(query!.steps.map((s) => `${s.what} by ${s.by}`), ['Raised by Marc Dubois', 'Answered, value changed (version 3) by Claire Martin', 'Closed by Marc Dubois']);
  assert.equal(lost!.record, 'Relapse (not found)');
});

test('a stored signature reads with the record it covers, its meaning in words and whether it still holds', () => {
  const [whole, visitSigned] = casebookSignatures(
    [
      { kind: 'patient', recordId: PATIENT, meaning: 'reviewed_and_approved', signerName: 'Dr Anne Roy', signedAt: new Date('2024-04-01T16:00:00Z'), valid: true, changedAt: null },
      { kind: 'visit', recordId: VISIT, meaning: 'authored', signerName: 'Claire Martin', signedAt: new Date('2024-01-22T11:00:00Z'), valid: false, changedAt: new Date('2024-01-23T09:00:00Z') },
    ],
    source(),
  );
  assert.deepEqual(whole, { record: 'Whole casebook', meaning: 'Reviewed and approved', signedBy: 'Dr Anne Roy', signedAt: new Date('2024-04-01T16:00:00Z'), status: 'signature valid' });
  assert.equal(visitSigned!.record, 'Visit 2024-01-22 · Baseline');
  assert.equal(visitSigned!.status, 'signature no longer valid: changed on 2024-01-23 09:00 UTC');
});
