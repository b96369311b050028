import { getDb } from '@/db/client';
import { createUser } from '@/db/queries/users';
import { listAllSites } from '@/db/queries/sites';
import { ValidationError } from '@/lib/errors';
import { newUserSchema } from '@/lib/schemas/user';
import { cliArgs, runCli } from './cli';

const USAGE = `Usage: npm run user:create -- --email EMAIL --name "NAME" --role clinician|coordinator|auditor|admin --sites CODE[,CODE] [--password PW]
The password may also come from the USER_PASSWORD environment variable (keeps it out of shell history).`;

const { values } = cliArgs(
  {
    options: {
    email: { type: 'string' },
    name: { type: 'string' },
    role: { type: 'string' },
    sites: { type: 'string', default: '' },
    password: { type: 'string' },
  },
  },
  USAGE,
);

async function main(): Promise<number> {
  const db = await getDb();
  const allSites = await listAllSites(db);
  const codes = values.sites.split(',').map((s) => s.trim()).filter(Boolean);
  const unknown = codes.filter((c) => !allSites.some((s) => s.code === c));
  if (unknown.length) {
    console.error(`Unknown site code: ${unknown.join(', ')} (known: ${allSites.map((s) => s.code).join(', ') || 'none'})`);
    return 2;
  }
  const parsed = newUserSchema.safeParse({
    name: values.name,
    email: values.email,
    role: values.role,
    password: values.password ?? process.env.USER_PASSWORD,
    siteIds: codes.map((c) => allSites.find((s) => s.code === c)!.id),
  });
  if (!parsed.success) {
    for (const issue of parsed.error.issues) console.error(`${issue.path.join('.') || 'input'}: ${issue.message}`);
    console.error(USAGE);
    return 2;
  }
  try {
    await createUser(db, { actorId: 'system:cli', input: parsed.data });
  } catch (e) {
    if (e instanceof ValidationError) {
      for (const [field, message] of Object.entries(e.fieldErrors)) console.error(`${field}: ${message}`);
      return 2;
    }
    throw e;
  }
  console.log(`User ${parsed.data.email} created (${parsed.data.role}).`);
  return 0;
}

await runCli(main);
