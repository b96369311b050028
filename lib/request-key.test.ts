import assert from 'node:assert/strict';
import { test } from 'node:test';
import { newRequestKey, requestKeySchema } from './request-key';

test('request keys are distinct v4 UUIDs that the schema accepts', () => {
  const keys = new Set(Array.from({ length: 1000 }, newRequestKey));
  assert.equal(keys.size, 1000);
  for (const key of keys) {
    assert.match(key, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    assert.ok(requestKeySchema.safeParse(key).success);
  }
});

test('a missing key is allowed (scripts, the API), a malformed one is refused with a message', () => {
  assert.ok(requestKeySchema.safeParse(undefined).success);
  const bad = requestKeySchema.safeParse('<script>');
  assert.ok(!bad.success);
  assert.match(bad.error.issues[0]!.message, /reload the page/);
});
