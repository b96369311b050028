import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { STEROID_DRUGS } from '@/lib/codes';
import { prednisoneEquivalent } from './glucocorticoids';

test('each drug converts by its factor (domain.md)', () => {
  assert.equal(prednisoneEquivalent('prednisone', 7.5), 7.5);
  assert.equal(prednisoneEquivalent('prednisolone', 10), 10);
  assert.equal(prednisoneEquivalent('methylprednisolone', 4), 5);
  assert.equal(prednisoneEquivalent('methylprednisolone', 16), 20);
  assert.equal(prednisoneEquivalent('hydrocortisone', 20), 5);
  assert.equal(prednisoneEquivalent('dexamethasone', 0.75), 5);
  assert.equal(prednisoneEquivalent('deflazacort', 6), 5);
});

test('rounds to 2 decimals, half away from zero, on the exact product', () => {
  assert.equal(prednisoneEquivalent('dexamethasone', 1), 6.67); // 6.666…
  assert.equal(prednisoneEquivalent('dexamethasone', 0.5), 3.33); // 3.333…
  assert.equal(prednisoneEquivalent('deflazacort', 1), 0.83); // 0.8333…
  assert.equal(prednisoneEquivalent('methylprednisolone', 0.1), 0.13); // 0.125 exactly: up
  assert.equal(prednisoneEquivalent('hydrocortisone', 0.1), 0.03); // 0.025 exactly: up
  assert.equal(prednisoneEquivalent('hydrocortisone', 0.02), 0.01); // 0.005 exactly: up
  assert.equal(prednisoneEquivalent('prednisone', 1.005), 1.01); // a float would say 1.00
  assert.equal(prednisoneEquivalent('prednisone', 0), 0);
});

test('property: within half a hundredth of the real product, and monotone in the dose', () => {
  const factors = { prednisone: 1, prednisolone: 1, methylprednisolone: 5 / 4, hydrocortisone: 1 / 4, dexamethasone: 20 / 3, deflazacort: 5 / 6 };
  fc.assert(
    fc.property(fc.constantFrom(...STEROID_DRUGS), fc.integer({ min: 0, max: 200_000 }), fc.integer({ min: 0, max: 200 }), (drug, cents, more) => {
      const mg = cents / 100;
      const eq = prednisoneEquivalent(drug, mg);
      assert.ok(Math.abs(eq - mg * factors[drug]) <= 0.005 + 1e-9, `${drug} ${mg} → ${eq}`);
      assert.ok(prednisoneEquivalent(drug, (cents + more) / 100) >= eq);
      assert.equal(Number(eq.toFixed(2)), eq, 'at most two decimals');
    }),
  );
});
