import type { Bundle } from '@medplum/fhirtypes';
import { bundleProblems } from '@/test-support/fhir';
import { expect, test } from './fixtures';
import { openDb, type Sql } from './http';
import { newSession } from './sessions';
import { problemOf } from './problem';

// The FHIR export over HTTP (docs/fhir.md): the demo cohort's Bundle validates against the
// FHIR R4 definitions resource by resource, holds the coordinator's sites' patients, and is
// recorded in the audit log; one patient's Bundle too. Who may ask is in the access matrix.

let sql: Sql;
test.beforeAll(() => {
  sql = openDb();
});
test.afterAll(async () => {
  await sql.end();
});

test('the demo cohort’s FHIR Bundle validates resource by resource and holds the coordinator’s patients', async ({ playwright }) => {
  const coordinator = await newSession(playwright.request, 'coordinator');
  const [before] = await sql`select coalesce(max(seq), 0)::text as seq from audit_log`;
  const res = await coordinator.get('/api/v1/cohorts/DEMO-JAKI/fhir');
  expect(res.status()).toBe(200);
  expect(res.headers()['content-type']).toBe('application/fhir+json; charset=utf-8');
  expect(res.headers()['content-disposition']).toBe('attachment; filename="DEMO-JAKI-fhir.json"');
  const bundle = (await res.json()) as Bundle;
  expect(bundle.type).toBe('collection');
  expect(bundleProblems(bundle)).toEqual([]);

  const codes = bundle.entry!.flatMap((e) => (e.resource?.resourceType === 'Patient' ? [e.resource.identifier![0]!.value] : []));
  const rows = await sql`
    select p.code from patient p join cohort c on c.id = p.cohort_id join site s on s.id = p.site_id
    where c.code = 'DEMO-JAKI' and p.voided_at is null and s.code in ('NORD', 'SUD') order by p.code`;
  expect(codes.sort()).toEqual(rows.map((r) => r.code));
  const [entry] = await sql`select entity, after from audit_log where seq > ${before!.seq} and action = 'export' order by seq desc limit 1`;
  expect(entry?.entity).toBe('cohort');
  expect(entry?.after).toMatchObject({ format: 'fhir', patients: rows.length });
  await coordinator.dispose();
});

test('one patient’s FHIR Bundle; refusals are JSON', async ({ playwright }) => {
  const coordinator = await newSession(playwright.request, 'coordinator');
  const [patient] = await sql`select p.id, p.code from patient p join site s on s.id = p.site_id where s.code = 'NORD' and p.voided_at is null order by p.code limit 1`;
  const res = await coordinator.get(`/api/v1/patients/${patient!.id}/fhir`);
  expect(res.status()).toBe(200);
  const bundle = (await res.json()) as Bundle;
  expect(bundleProblems(bundle)).toEqual([]);
  expect(bundle.entry!.filter((e) => e.resource?.resourceType === 'Patient').map((e) => e.resource!.id)).toEqual([patient!.id]);

  const unknown = await coordinator.get('/api/v1/cohorts/NO-SUCH-COHORT/fhir');
  expect(unknown.status()).toBe(404);
  expect((await problemOf(unknown)).detail).toBe('No cohort NO-SUCH-COHORT.');
  const missing = await coordinator.get(`/api/v1/patients/${crypto.randomUUID()}/fhir`);
  expect(missing.status()).toBe(404);
  expect((await problemOf(missing)).detail).toBe('No such patient.');
  const anon = await newSession(playwright.request);
  const signedOut = await anon.get('/api/v1/cohorts/DEMO-JAKI/fhir');
  expect(signedOut.status()).toBe(401);
  expect((await problemOf(signedOut)).detail).toBe('Sign in first.');
  await Promise.all([coordinator.dispose(), anon.dispose()]);
});
