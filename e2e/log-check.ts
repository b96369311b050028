import fs from 'node:fs';
import path from 'node:path';
import { DEMO_PASSWORD } from './helpers';

// After the suite: the server's log must hold no password, no session token and no patient
// data, whatever the tests did (wrong passwords, hostile input, failed saves).

export const SERVER_LOG = path.join(process.cwd(), '.e2e-server.log');

/** Strings the suite types or the server issues that must never reach a log. */
const FORBIDDEN: [string, RegExp][] = [
  ['a demo password', new RegExp(DEMO_PASSWORD)],
  ['a password typed by the tests', /a-long-enough-password|wrong-password/],
  ['a session cookie', /session_token=/],
  ['a demo patient code', /\b(NRD|SUD)-\d{3}\b/],
  ['a patient code made by the tests', /\b(AE|BAD|E2E|EDIT|G5|ORD|SITE|SEC)-[0-9A-Z]{7,}\b|\bE2E-P\d\b/],
  ['an adverse-event term', /herpes zoster|pulmonary embolism/i],
];

export default async function checkServerLog() {
  if (!fs.existsSync(SERVER_LOG)) throw new Error(`no server log at ${SERVER_LOG}`);
  const text = fs.readFileSync(SERVER_LOG, 'utf8');
  const found = FORBIDDEN.filter(([, pattern]) => pattern.test(text)).map(([what]) => what);
  if (found.length) throw new Error(`the server logged ${found.join(', ')}: see ${SERVER_LOG}`);
}
