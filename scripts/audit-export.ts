import fs from 'node:fs';
import path from 'node:path';
import { getDb } from '@/db/client';
import { migrateDb } from '@/db/migrate';
import { chainWords, evidenceFileNames } from '@/lib/documents/audit-evidence';
import { auditPeriodSchema } from '@/lib/schemas/audit-period';
import { auditEvidenceFiles } from '@/server/audit-evidence';
import { cliArgs, runCli } from './cli';

const USAGE = `Usage: npm run audit:export -- --from YYYY-MM-DD --to YYYY-MM-DD --out <folder>
Writes the audit trail of the period (whole days in UTC, inclusive) into the folder (created
if needed) as audit-trail_FROM_TO.csv and .pdf, with the chain's verification and its last
hash, and a manifest (.manifest.json) giving each file's SHA-256; from DATABASE_URL or the
embedded database. Files of those names already there are not replaced. Exit 0 when written
and the chain is intact, 1 when the chain is broken (the files are written and say so).`;

const { values } = cliArgs({ options: { from: { type: 'string' }, to: { type: 'string' }, out: { type: 'string' } } }, USAGE);

await runCli(async () => {
  const parsed = auditPeriodSchema.safeParse({ from: values.from, to: values.to });
  if (!values.out || !parsed.success) {
    for (const issue of parsed.error?.issues ?? []) console.error(`--${issue.path.join('.')}: ${issue.message}`);
    console.error(USAGE);
    return 2;
  }
  const period = parsed.data;
  const names = evidenceFileNames(period);
  const taken = [names.csv, names.pdf, names.manifest].filter((name) => fs.existsSync(path.join(values.out!, name)));
  if (taken.length) {
    console.error(`${path.join(values.out, taken[0]!)} already exists: evidence is never overwritten; choose another folder.`);
    return 1;
  }
  const db = await getDb();
  await migrateDb(db);
  const { evidence, files } = await auditEvidenceFiles(db, { period, reader: { actorId: 'system:cli', name: null, email: null } });
  fs.mkdirSync(values.out, { recursive: true });
  for (const file of files) fs.writeFileSync(path.join(values.out, file.name), file.bytes, { flag: 'wx' });
  console.log(`Audit trail ${period.from} to ${period.to}: ${evidence.entries.length} entries written to ${values.out}`);
  console.log(`Chain: ${chainWords(evidence.chain)}${evidence.chain.ok && evidence.chain.lastHash ? `, last hash ${evidence.chain.lastHash}` : ''}.`);
  return evidence.chain.ok ? 0 : 1;
});
