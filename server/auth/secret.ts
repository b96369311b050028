import 'server-only';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/**
 * BETTER_AUTH_SECRET when set; otherwise a random secret kept beside the embedded data,
 * so the demo runs without setup and sessions survive a restart. A server on PostgreSQL
 * never gets here: serverEnv() requires the secret there (several instances must share it).
 */
export function authSecret(fromEnv: string | undefined): string {
  if (fromEnv) return fromEnv;
  const file = path.join(process.cwd(), '.data', 'auth-secret');
  try {
    return fs.readFileSync(file, 'utf8').trim();
  } catch {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const secret = crypto.randomBytes(32).toString('base64url');
    fs.writeFileSync(file, secret, { mode: 0o600 });
    return secret;
  }
}
