import { test } from 'node:test';
import assert from 'node:assert/strict';
import { derivedId } from './ids';

const record = '1a2b3c4d-5e6f-4a1b-9c2d-3e4f5a6b7c8d';

test('a derived id is a version-8 uuid, the same for the same record and kind, another for another', () => {
  const id = derivedId(record, 'condition');
  assert.match(id, /^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  assert.equal(derivedId(record.toUpperCase(), 'condition'), id);
  assert.equal(derivedId(record, 'condition'), id);
  const others = [derivedId(record, 'ck'), derivedId(record, 'research-subject'), derivedId('2a2b3c4d-5e6f-4a1b-9c2d-3e4f5a6b7c8d', 'condition')];
  assert.equal(new Set([id, ...others]).size, 4);
  assert.ok(!others.includes(record));
});

test('a record id that is not a uuid is refused', () => {
  assert.throws(() => derivedId('not-a-uuid', 'condition'), /not a uuid/);
});
