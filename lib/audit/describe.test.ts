import { AUDIT_ACTIONS } from './vocabulary';
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { emptyCdasiItems } from '@/lib/instruments/cdasi';
import { uniformMmt8Items } from '@/lib/instruments/mmt8';
import { emptyMeasures } from '@/lib/visits/fields';
import { actionWords, actorWords, changeText, describeChanges, entityWords, humanise, recordName, userIdsOf, valueText, type Change, type GridChange, type RecordFacts } from './describe';

const CAMEL_KEY = /\b[a-z]+[A-Z][a-zA-Z]*\b/;
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;

const texts = (changes: Change[]) => changes.map(changeText);

/** Every text a person reads of these changes: labels, values, grid rows and columns. */
function allText(changes: Change[]): string {
  return changes
    .flatMap((c) => (c.kind === 'value' ? [c.label, c.before ?? '', c.after] : [c.label, ...c.grid.columns, ...c.grid.rows.flatMap((r) => [r.label, ...r.cells.flatMap((x) => [x.text, x.was ?? ''])])]))
    .join('\n');
}

const PATIENT_ID = '04c62842-1111-4222-8333-944455556666';
const SITE_ID = '9a0b1c2d-3e4f-4a5b-8c6d-7e8f9a0b1c2d';
const COHORT_ID = '1b2c3d4e-5f60-4718-8293-a4b5c6d7e8f9';

function visitRow(fields: Record<string, unknown> = {}) {
  return {
    id: 'a0a0a0a0-b1b1-4c2c-8d3d-e4e4e4e4e4e4',
    patientId: PATIENT_ID,
    visitDate: '2024-01-22',
    visitType: 'baseline',
    cdasiItems: null,
    mmt8Items: null,
    ...emptyMeasures(),
    cdasiActivity: 20,
    mmt8: 120,
    activeMuscle: false,
    ivig: 'ongoing',
    ivigDoseGKg: 2,
    ivigIntervalWeeks: 4,
    steroidDrug: 'prednisone',
    steroidMgDay: 10,
    prednisoneMgDay: 10,
    ckUL: 180,
    ckUln: 190,
    version: 1,
    createdAt: '2024-01-22T10:00:00.000Z',
    createdBy: 'user-1',
    updatedAt: '2024-01-22T10:00:00.000Z',
    updatedBy: 'user-1',
    voidedAt: null,
    voidedBy: null,
    voidReason: null,
    ...fields,
  };
}

describe('describeChanges: a visit', () => {
  test('an edit: only what changed, in the form order, with labels, units and words', () => {
    const before = visitRow();
    const after = visitRow({ cdasiActivity: 22, activeMuscle: true, ivigDoseGKg: 1, steroidDrug: 'methylprednisolone', steroidMgDay: 8, ckUL: 450, version: 2, updatedAt: '2024-02-01T09:00:00.000Z' });
    assert.deepEqual(texts(describeChanges('visit', before, after)), [
      'CDASI activity: 20 → 22',
      'Active muscle disease: no → yes',
      'Glucocorticoid: Prednisone → Methylprednisolone',
      'Glucocorticoid dose: 10 mg/day → 8 mg/day',
      'IVIG dose: 2 g/kg → 1 g/kg',
      'CK: 180 U/L → 450 U/L',
    ]);
  });

  test('a creation: every field given, none of the bookkeeping, no key and no id', () => {
    const changes = describeChanges('visit', null, visitRow());
    const shown = texts(changes);
    assert.deepEqual(shown.slice(0, 4), ['Visit date: 2024-01-22', 'Visit type: Baseline', 'CDASI activity: 20', 'MMT8: 120']);
    assert.ok(shown.includes('IVIG: Ongoing'));
    assert.ok(shown.includes('IVIG interval: 4 weeks'));
    assert.ok(shown.includes('CK upper limit of normal: 190 U/L'));
    assert.ok(shown.includes('Active muscle disease: no'));
    assert.ok(!shown.some((s) => /^(Version|Created|Updated|Patient)/.test(s)), shown.join('\n'));
    assert.doesNotMatch(allText(changes), CAMEL_KEY);
    assert.doesNotMatch(allText(changes), UUID);
  });

  test('CDASI items as their grid: a creation shows every cell, an edit marks the cells it changed', () => {
    const items = emptyCdasiItems();
    items.locations.scalp.erythema = 1;
    const created = describeChanges('visit', null, visitRow({ cdasiItems: items })).find((c) => c.key === 'cdasiItems') as GridChange;
    assert.equal(created.kind, 'grid');
    assert.equal(created.label, 'CDASI items');
    assert.deepEqual(created.grid.columns, ['Erythema', 'Scale', 'Erosion / ulcer', 'Poikiloderma', 'Calcinosis']);
    assert.equal(created.grid.rows.length, 15 + 6);
    assert.deepEqual(created.grid.rows[0], { label: 'Scalp', cells: [1, 0, 0, 0, 0].map((n) => ({ text: String(n), was: null, span: 1 })) });
    assert.equal(created.grid.changed, 0);
    // The items after the grid take the whole row.
    assert.deepEqual(created.grid.rows.at(-1), { label: 'Recent hair loss', cells: [{ text: '0', was: null, span: 5 }] });
    assert.equal(changeText(created), 'CDASI items: recorded item by item');

    const next = structuredClone(items);
    next.locations.scalp.erythema = 2;
    next.locations.arm.scale = 1;
    next.gottronHands.papules = true;
    const edit = describeChanges('visit', visitRow({ cdasiItems: items }), visitRow({ cdasiItems: next })).find((c) => c.key === 'cdasiItems') as GridChange;
    assert.equal(edit.grid.changed, 3);
    assert.deepEqual(edit.grid.rows[0]!.cells[0], { text: '2', was: '1', span: 1 });
    assert.deepEqual(edit.grid.rows[0]!.cells[1], { text: '0', was: null, span: 1 });
    assert.equal(
      changeText(edit),
      "CDASI items: 3 cells changed: Scalp · Erythema 1 → 2, Arm · Scale 0 → 1, Gottron's papules on the hands no → yes",
    );
  });

  test('MMT8 grades as their grid, trace kept as T; items first given on an edit are all marked', () => {
    const before = uniformMmt8Items(8);
    const after = structuredClone(before);
    after.left.deltoid = 'T';
    const edit = describeChanges('visit', visitRow({ mmt8Items: before }), visitRow({ mmt8Items: after })).find((c) => c.key === 'mmt8Items') as GridChange;
    assert.deepEqual(edit.grid.columns, ['Right', 'Left']);
    assert.deepEqual(edit.grid.rows[0], { label: 'Neck flexors', cells: [{ text: '8', was: null, span: 2 }] });
    assert.deepEqual(edit.grid.rows[1], { label: 'Deltoid', cells: [{ text: '8', was: null, span: 1 }, { text: 'T', was: '8', span: 1 }] });
    assert.equal(changeText(edit), 'MMT8 grades: 1 cell changed: Deltoid · Left 8 → T');

    const given = describeChanges('visit', visitRow(), visitRow({ mmt8Items: before })).find((c) => c.key === 'mmt8Items') as GridChange;
    assert.equal(given.grid.changed, 15);
    assert.deepEqual(given.grid.rows[0]!.cells[0], { text: '8', was: '—', span: 2 });
  });

  test('items that are not of the calculator’s shape are shown as words, not lost', () => {
    const [change] = describeChanges('visit', visitRow(), visitRow({ mmt8Items: { neckFlexors: 5 } })).filter((c) => c.key === 'mmt8Items');
    assert.equal(change?.kind, 'value');
    assert.equal(changeText(change!), 'MMT8 grades: — → Neck flexors: 5');
  });
});

describe('describeChanges: patients, adverse events, relapses', () => {
  test("a patient: codes in words, the site and cohort by their codes, the form's order", () => {
    const names = { [SITE_ID]: 'PSL', [COHORT_ID]: 'DEMO-JAKI' };
    const created = describeChanges(
      'patient',
      null,
      { id: PATIENT_ID, code: 'PSL-005', siteId: SITE_ID, cohortId: COHORT_ID, sex: 'F', birthYear: 1968, antibodies: ['tif1g', 'mda5'], previousTreatments: [], ild: false, jakiDrug: 'baricitinib', jakiDoseMgDay: 4, jakiStartDate: '2024-01-10', deathDate: null, version: 1 },
      names,
    );
    assert.deepEqual(texts(created), [
      'Patient code: PSL-005',
      'Site: PSL',
      'Cohort: DEMO-JAKI',
      'Sex: Female',
      'Birth year: 1968',
      'Interstitial lung disease: no',
      'Myositis antibodies: TIF1-γ, MDA5',
      'JAK inhibitor: Baricitinib',
      'JAK inhibitor dose: 4 mg/day',
      'JAK inhibitor start date: 2024-01-10',
    ]);
    assert.deepEqual(texts(describeChanges('patient', { deathDate: null, jakiStopReason: null }, { deathDate: '2024-06-01', jakiStopReason: 'death' })), [
      'Stop reason: — → Death',
      'Death date: — → 2024-06-01',
    ]);
  });

  test('an adverse event: the category and grade in words, each seriousness criterion named', () => {
    const before = { term: 'Pulmonary embolism', category: 'thromboembolic', ctcaeGrade: 3, seriousHospitalisation: true, seriousDeath: false, serious: true, outcome: 'recovering', reviewedAt: null, reviewComment: null };
    const after = { ...before, ctcaeGrade: 5, seriousDeath: true, outcome: 'fatal' };
    assert.deepEqual(texts(describeChanges('adverse_event', before, after)), [
      'CTCAE grade: 3 · Severe or hospitalisation → 5 · Death',
      'Serious: results in death: no → yes',
      'Outcome: Recovering → Fatal',
    ]);
    assert.ok(texts(describeChanges('adverse_event', null, before)).includes('Category: Venous thromboembolism'));
    const review = describeChanges('adverse_event', before, { ...before, reviewedAt: '2024-07-01T10:00:00.000Z', reviewedBy: 'u', reviewComment: 'Expected AESI' });
    assert.deepEqual(texts(review), ['Review comment: — → Expected AESI']);
  });

  test('a relapse', () => {
    assert.deepEqual(texts(describeChanges('relapse', null, { id: 'x', patientId: PATIENT_ID, relapseDate: '2025-03-02', domain: 'muscle', action: 'steroid_increase' })), [
      'Relapse date: 2025-03-02',
      'Domain: Muscle',
      'Action taken: Glucocorticoids increased',
    ]);
  });

  test('a void changes no field the reader sees: its reason says it', () => {
    assert.deepEqual(describeChanges('relapse', { relapseDate: '2025-03-02', voidedAt: null, version: 1 }, { relapseDate: '2025-03-02', voidedAt: '2025-03-05T08:00:00.000Z', voidReason: 'Duplicate', version: 2 }), []);
  });
});

describe('describeChanges: entries about no patient', () => {
  test('a sign-in: the address shown as the loopback, the browser', () => {
    assert.deepEqual(texts(describeChanges('session', null, { ipAddress: '0000:0000:0000:0000:0000:0000:0000:0000', userAgent: 'Firefox/140' })), [
      'Address: ::1',
      'Browser: Firefox/140',
    ]);
    assert.deepEqual(texts(describeChanges('session', null, { ipAddress: '::ffff:127.0.0.1' })), ['Address: 127.0.0.1']);
    assert.deepEqual(texts(describeChanges('session', null, { failures: 5, lockedUntil: '2025-03-02T14:05:09.123Z' })), [
      'Failed sign-ins in a row: 5',
      'Locked until: 2025-03-02 14:05 UTC',
    ]);
  });

  test("a user's sites by their codes", () => {
    assert.deepEqual(texts(describeChanges('user', { role: 'clinician', siteIds: [SITE_ID], active: true }, { role: 'coordinator', siteIds: [], active: true }, { [SITE_ID]: 'PSL' })), [
      'Role: Clinician → Coordinator',
      'Sites: PSL → —',
    ]);
  });

  test("settings no table names: nested values compared key by key, keys in words", () => {
    const before = { reportSettings: { taperThreshold: 5, windows: { m3: { target: 90, from: 60 } } }, version: 1 };
    const after = { reportSettings: { taperThreshold: 7.5, windows: { m3: { target: 100, from: 60 } } }, version: 2 };
    assert.deepEqual(texts(describeChanges('cohort', before, after)), ['Report settings · Taper threshold: 5 → 7.5', 'Report settings · Windows · M3 · Target: 90 → 100']);
    const imported = describeChanges('cohort', null, { counts: { patients: 4, adverseEvents: 1 }, createdSites: ['NORD'], createdCohorts: [] });
    assert.deepEqual(texts(imported), ['Counts · Patients: 4', 'Counts · Adverse events: 1', 'Created sites: NORD']);
    assert.doesNotMatch(allText(imported), CAMEL_KEY);
    // An export of the trail keeps its filters: actions and record kinds in words too.
    assert.deepEqual(texts(describeChanges('audit_log', null, { action: 'sign_in_locked', entity: 'adverse_event', from: '2025-01-01' })), [
      'Action: Account locked after failed sign-ins',
      'Entity: Adverse event',
      'From: 2025-01-01',
    ]);
  });
});

describe('describeChanges: fields that hold a user', () => {
  const USER_ID = '15e1e6fc-e56c-4f0a-9d2b-3c4d5e6f7a8b';
  const people = { [USER_ID]: 'Claire Martin' };

  test("a cohort's lock names who locked it, the id at hand for the auditor (it showed the raw id)", () => {
    const lock = describeChanges('cohort', { lockedAt: null, lockedBy: null }, { lockedAt: '2026-12-01T09:30:00.000Z', lockedBy: USER_ID }, people);
    assert.deepEqual(texts(lock), ['Locked at: — → 2026-12-01 09:30 UTC', 'Locked by: — → Claire Martin']);
    assert.deepEqual(lock.map((c) => c.kind === 'value' && c.title), [undefined, `User id: — → ${USER_ID}`]);
    assert.deepEqual(texts(describeChanges('cohort', { lockedAt: '2026-12-01T09:30:00.000Z', lockedBy: USER_ID }, { lockedAt: null, lockedBy: null }, people)), [
      'Locked at: 2026-12-01 09:30 UTC → —',
      'Locked by: Claire Martin → —',
    ]);
  });

  test("a token's owner and an export's filter by user by name; an unknown id as it is", () => {
    assert.deepEqual(texts(describeChanges('access_token', null, { name: 'R', userId: USER_ID }, people)), ['Name: R', 'User: Claire Martin']);
    assert.deepEqual(texts(describeChanges('audit_log', null, { actorId: USER_ID }, people)), ['User: Claire Martin']);
    assert.deepEqual(texts(describeChanges('report', null, { raisedBy: 'gone-user' })), ['Raised by: gone-user']);
  });

  test('userIdsOf: the ids under those keys, each once, for one query per page', () => {
    const entries = [
      { before: { lockedBy: null }, after: { lockedBy: USER_ID } },
      { before: { lockedBy: USER_ID }, after: { lockedBy: null } },
      { before: null, after: { userId: 'u2', createdBy: 'u3', name: 'x' } },
      { before: 'not an object', after: [USER_ID] },
    ];
    assert.deepEqual(userIdsOf(entries), [USER_ID, 'u2']);
  });
});

describe('values, words and names', () => {
  test('valueText', () => {
    assert.equal(valueText({ kind: 'number', unit: 'g/kg' }, 2), '2 g/kg');
    assert.equal(valueText({ kind: 'number', unit: 'g/kg' }, null), '—');
    assert.equal(valueText({ kind: 'date' }, '2024-01-22T00:00:00.000Z'), '2024-01-22');
    assert.equal(valueText({ kind: 'code' }, 'thromboembolic'), 'Venous thromboembolism');
    assert.equal(valueText({ kind: 'codes' }, []), '—');
    assert.equal(valueText({ kind: 'ref' }, SITE_ID, { [SITE_ID]: 'PSL' }), 'PSL');
    assert.equal(valueText({ kind: 'ctcae' }, 2), '2 · Moderate');
  });

  test('every action and record kind of the trail in words', () => {
    const actions = ['create', 'update', 'void', 'review', 'sign_in', 'sign_in_failed', 'sign_in_locked', 'import', 'export'];
    assert.deepEqual(actions.map(actionWords), ['Created', 'Changed', 'Voided', 'Reviewed', 'Signed in', 'Sign-in refused', 'Account locked after failed sign-ins', 'Imported', 'Exported']);
    for (const a of AUDIT_ACTIONS) assert.doesNotMatch(actionWords(a), /_/, a);
    assert.equal(actionWords('sign_in_unlocked'), 'Account unlocked by an admin');
    for (const e of ['patient', 'visit', 'adverse_event', 'relapse', 'user', 'session', 'cohort', 'site', 'report', 'audit_log']) assert.doesNotMatch(entityWords(e), /_/);
    assert.equal(humanise('sign_in_locked'), 'Sign in locked');
    assert.deepEqual(
      [actorWords('u1', 'Claire Martin'), actorWords('anonymous', null), actorWords('system:cli', null), actorWords('system:load', null)],
      ['Claire Martin', 'Unknown account', 'Command line', 'System (load)'],
    );
    assert.equal(humanise('ivigDoseGKg'), 'Ivig dose g kg');
  });
});

describe('recordName', () => {
  const facts = (f: Partial<RecordFacts>): RecordFacts => ({
    entity: 'visit',
    entityId: 'v1',
    action: 'update',
    patientId: 'p1',
    patientCode: 'PSL-005',
    visitDate: null,
    eventTerm: null,
    relapseDate: null,
    relapseDomain: null,
    voided: false,
    userName: null,
    userEmail: null,
    cohortCode: null,
    siteCode: null,
    tokenName: null,
    ...f,
  });

  test('clinical records by patient code and what they are, linked to where they are shown', () => {
    assert.deepEqual(recordName(facts({ visitDate: '2024-01-22' })), { text: 'PSL-005 · visit 2024-01-22', href: '/patients/p1/visits/v1/history' });
    assert.deepEqual(recordName(facts({ entity: 'adverse_event', entityId: 'e1', eventTerm: 'Pulmonary embolism' })), { text: 'PSL-005 · adverse event: Pulmonary embolism', href: '/adverse-events/e1' });
    assert.deepEqual(recordName(facts({ entity: 'adverse_event', entityId: 'e1', eventTerm: 'Zoster', voided: true })), {
      text: 'PSL-005 · adverse event: Zoster (voided)',
      href: '/patients/p1/adverse-events/e1/history',
    });
    assert.deepEqual(recordName(facts({ entity: 'patient', entityId: 'p1' })), { text: 'PSL-005 · patient', href: '/patients/p1' });
    assert.deepEqual(recordName(facts({ entity: 'relapse', entityId: 'r1', relapseDate: '2025-03-02', relapseDomain: 'muscle' })), {
      text: 'PSL-005 · relapse 2025-03-02: Muscle',
      href: '/patients/p1/relapses/r1/history',
    });
    assert.deepEqual(recordName(facts({ patientCode: null })), { text: 'visit (not found)', href: null });
  });

  test('other records in words, never by a bare id', () => {
    const none = { patientId: null, patientCode: null };
    assert.deepEqual(recordName(facts({ ...none, entity: 'user', entityId: 'u1', userName: 'Claire Martin', userEmail: 'claire@x.test' }), { admin: true }), {
      text: 'user Claire Martin (claire@x.test)',
      href: '/admin/users/u1',
    });
    assert.equal(recordName(facts({ ...none, entity: 'user', entityId: 'u1', userName: 'Claire Martin', userEmail: 'c@x' })).href, null);
    assert.equal(recordName(facts({ ...none, entity: 'session', entityId: 'tok', action: 'sign_in' })).text, 'new session');
    assert.equal(recordName(facts({ ...none, entity: 'session', entityId: 'lock@x.test', action: 'sign_in_locked' })).text, 'account lock@x.test');
    assert.deepEqual(recordName(facts({ ...none, entity: 'cohort', entityId: COHORT_ID, cohortCode: 'DEMO-JAKI' })), { text: 'cohort DEMO-JAKI', href: '/cohorts/DEMO-JAKI/report' });
    assert.equal(recordName(facts({ ...none, entity: 'report', entityId: 'adverse-event-line-listing' })).text, 'adverse-event line listing');
    assert.equal(recordName(facts({ ...none, entity: 'audit_log', entityId: 'trail' })).text, 'audit trail');
  });
});
