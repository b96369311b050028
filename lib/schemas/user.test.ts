import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { newUserSchema } from './user';
import { messages } from '@/test-support/messages';

const SITE_A = '6f1c2a52-4f0e-4d8e-9b8a-2f7d3c1e5a10';
const SITE_B = '0b7c9d3e-2a1f-4c5b-8e6d-9f8a7b6c5d4e';

function form(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return { name: 'Claire Martin', email: 'claire@nord.test', role: 'clinician', password: 'long-enough-pw', siteIds: [SITE_A], ...overrides };
}

const refused = (overrides: Record<string, unknown>) => messages(newUserSchema.safeParse(form(overrides)));

describe('newUserSchema', () => {
  test('a clinician with a site is accepted, name and email trimmed', () => {
    const r = newUserSchema.safeParse(form({ name: '  Claire Martin ', email: ' claire@nord.test ', siteIds: [SITE_A, SITE_B] }));
    assert.equal(r.success, true, JSON.stringify(messages(r)));
    assert.deepEqual(r.data, { name: 'Claire Martin', email: 'claire@nord.test', role: 'clinician', password: 'long-enough-pw', siteIds: [SITE_A, SITE_B] });
  });

  test('the name needs 2 to 100 characters', () => {
    assert.deepEqual(refused({ name: 'A' }), { name: ['Name must be at least 2 characters'] });
    assert.deepEqual(refused({ name: '  A  ' }), { name: ['Name must be at least 2 characters'] });
    assert.deepEqual(refused({ name: 'x'.repeat(101) }), { name: ['Name must be at most 100 characters'] });
  });

  test('the email must be an address', () => {
    for (const email of ['', 'claire', 'claire@', '@nord.test', 'claire nord@test.fr'])
      assert.deepEqual(refused({ email }), { email: ['Email must be a valid address'] }, email);
  });

  test('the role is required and must be known', () => {
    assert.deepEqual(refused({ role: '' }), { role: ['Role is required'] });
    assert.deepEqual(refused({ role: 'superuser' }), { role: ['Role must be one of clinician, coordinator, auditor, admin'] });
  });

  test('the password needs 10 to 128 characters', () => {
    assert.deepEqual(refused({ password: '123456789' }), { password: ['Password must be at least 10 characters'] });
    assert.deepEqual(refused({ password: 'x'.repeat(129) }), { password: ['Password must be at most 128 characters'] });
    assert.equal(newUserSchema.safeParse(form({ password: '1234567890' })).success, true);
  });

  test('every role but admin needs at least one site', () => {
    for (const role of ['clinician', 'coordinator', 'auditor']) {
      assert.deepEqual(refused({ role, siteIds: [] }), { siteIds: ['Choose at least one site'] }, role);
      assert.deepEqual(refused({ role, siteIds: undefined }), { siteIds: ['Choose at least one site'] }, role);
    }
  });

  test('an admin needs no site (admins see every site)', () => {
    const r = newUserSchema.safeParse(form({ role: 'admin', siteIds: [] }));
    assert.equal(r.success, true, JSON.stringify(messages(r)));
    assert.deepEqual(r.data!.siteIds, []);
  });

  test('site ids must be ids, refused at the field the checkboxes show', () => {
    assert.deepEqual(refused({ siteIds: ['NORD'] }), { siteIds: ['Choose sites from the list'] });
  });
});
