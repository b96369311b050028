import { test } from 'node:test';
import assert from 'node:assert/strict';
import { pgTarget } from './pg-tools';

test('the password goes to PGPASSWORD, decoded, and nowhere else', () => {
  const t = pgTarget('postgres://registry:p%40ss%3Aw%2Frd@db.example.org:6432/dm_jaki?application_name=backup');
  assert.equal(t.env.PGPASSWORD, 'p@ss:w/rd');
  assert.equal(t.dbname, 'postgres://registry@db.example.org:6432/dm_jaki?application_name=backup');
  assert.equal(t.label, 'dm_jaki on db.example.org:6432');
  assert.equal(t.env.DATABASE_URL, undefined);
});

test("postgres.js's ssl= becomes libpq's sslmode=", () => {
  assert.equal(pgTarget('postgres://u@h/d?ssl=require').dbname, 'postgres://u@h/d?sslmode=require');
  assert.equal(pgTarget('postgres://u@h/d?ssl=true').dbname, 'postgres://u@h/d?sslmode=require');
  assert.equal(pgTarget('postgres://u@h/d?ssl=true&sslmode=verify-full').dbname, 'postgres://u@h/d?sslmode=verify-full');
});

test('anything but a PostgreSQL URL is refused', () => {
  assert.throws(() => pgTarget('not a url'), /DATABASE_URL is not a URL/);
  assert.throws(() => pgTarget('mysql://u:secret@h/d'), (e: Error) => /not a PostgreSQL URL/.test(e.message) && !e.message.includes('secret'));
});
