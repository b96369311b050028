import assert from 'node:assert/strict';
import { test } from 'node:test';
import { openBrowser, type BrowserView } from '../scripts/load/browser';
import type { LoadResult } from '../scripts/load/load';
import { loadOnMainServer, loadWithDatabaseOutage } from '../scripts/load/scenario';

// The production build (`npx next build`, made by the stage before) under load on a real
// PostgreSQL: 50 signed-in clinicians saving visits and reading their patient's page, on one
// instance and then on two sharing the database; and the database stopped and started again
// during the load. Ports 3500 and 3501 (LOAD_PORTS), the throw-away cluster on 5433
// (LOAD_CLUSTER_PORT). The `npm run bench -- load` version runs 60 s per phase.

const seconds = Number(process.env.RELIABILITY_SECONDS ?? 12);

function assertClean(r: LoadResult, what: string) {
  assert.deepEqual(r.unexpected, [], `${what}: unexpected answers`);
  assert.ok(r.serversAlive, `${what}: a server process ended`);
  assert.ok(r.saves > 0, `${what}: no save was acknowledged`);
  const c = r.check;
  assert.equal(c.lost, 0, `${what}: acknowledged saves missing`);
  assert.equal(c.duplicates, 0, `${what}: duplicated visits`);
  assert.equal(c.withoutOneAuditEntry, 0, `${what}: visits without exactly one audit entry`);
  assert.equal(c.auditWithoutVisit, 0, `${what}: audit entries without their visit`);
  assert.ok(c.chainValid, `${what}: audit chain: ${c.chainMessage}`);
}

test('50 clinicians save visits and read pages on one instance, then on two sharing the database', { timeout: 240_000 }, async () => {
  const [one, two] = await loadOnMainServer({ clinicians: 50, phases: [{ instances: 1, seconds }, { instances: 2, seconds: Math.min(seconds, 10) }] });
  for (const [r, what] of [[one!, 'one instance'], [two!, 'two instances']] as const) {
    assertClean(r, what);
    assert.equal(r.check.savedUnacknowledged, 0, `${what}: visits saved without an acknowledgement`);
    assert.equal(r.outcomes.save!.unavailable + r.outcomes.page!.unavailable, 0, `${what}: "unavailable" with the database up`);
  }
});

test('PostgreSQL stopped during the load: clear answers meanwhile, no crash, recovery, no partial records', { timeout: 240_000 }, async () => {
  const browser = await openBrowser();
  let view: BrowserView | null = null;
  let r: LoadResult;
  try {
    r = await loadWithDatabaseOutage({
      clinicians: 50,
      instances: 1,
      seconds: 15,
      afterSeconds: 4,
      downSeconds: 4,
      whileDown: async (clinician) => {
        view = await browser.view(clinician);
      },
    });
  } finally {
    await browser.close();
  }
  assertClean(r, 'outage');
  const f = r.fault!;
  assert.ok(f.recoverySeconds !== null && f.recoverySeconds < 10, `no save acknowledged within 10 s of the database's return (${f.recoverySeconds})`);
  for (const answer of [...f.probes.health, ...f.probes.api]) assert.match(answer, /unavailable: \w+: 503 The database is temporarily unavailable/);
  assert.ok(r.outcomes.save!.unavailable + r.outcomes.save!.uncertain > 0, 'no save was answered "temporarily unavailable"');
  assert.ok(r.outcomes.page!.unavailable > 0, 'no page was answered with the unavailable-database error page');
  assert.deepEqual(view, { status: 500, heading: 'The database is temporarily unavailable' });
});
