import { eq } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { createToken } from '@/db/queries/tokens';
import { user } from '@/db/schema';
import { newTokenSchema } from '@/lib/schemas/token';
import { cliArgs, runCli } from './cli';

// `npm run token:create`: a personal access token for a script (docs/api-tokens.md), as the
// account page makes one. The secret goes to standard output alone, so that
// `TOKEN=$(npm run -s token:create -- …)` keeps it; everything else goes to standard error.

const USAGE = `Usage: npm run token:create -- --email EMAIL --name "NAME" --scopes read[,write] [--days D]
Prints the token once (D days, 90 unless told, at most 365).`;

const { values } = cliArgs(
  {
    options: {
    email: { type: 'string' },
    name: { type: 'string' },
    scopes: { type: 'string', default: '' },
    days: { type: 'string', default: '90' },
  },
  },
  USAGE,
);

await runCli(async () => {
  const parsed = newTokenSchema.safeParse({
    name: values.name ?? '',
    scopes: values.scopes.split(',').map((s) => s.trim()).filter(Boolean),
    days: values.days,
  });
  if (!values.email || !parsed.success) {
    if (!values.email) console.error('--email: give the email of the user the token acts as');
    for (const issue of parsed.error?.issues ?? []) console.error(`--${String(issue.path[0] ?? "input")}: ${issue.message}`);
    console.error(USAGE);
    return 2;
  }
  const db = await getDb();
  const [owner] = await db.select({ id: user.id, deactivatedAt: user.deactivatedAt }).from(user).where(eq(user.email, values.email));
  if (!owner || owner.deactivatedAt) {
    console.error(`--email: no active user ${values.email}`);
    return 2;
  }
  const { token, secret } = await createToken(db, { actorId: 'system:cli', userId: owner.id, input: parsed.data });
  console.error(`Token "${token.name}" for ${values.email} (${token.scopes.join(', ')}), expires ${token.expiresAt.toISOString().slice(0, 10)}. It is shown only this once:`);
  console.log(secret);
  return 0;
});
