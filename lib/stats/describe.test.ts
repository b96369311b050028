import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mean, sd } from './describe';

test('mean of no values is null', () => {
  assert.equal(mean([]), null);
});

test('mean averages the values', () => {
  assert.equal(mean([2, 4, 4, 4, 5, 5, 7, 9]), 5);
  assert.equal(mean([-3]), -3);
});

test('mean refines the sum as R does, so 0.1, 0.2, 0.3 average to 0.2', () => {
  assert.equal(mean([0.1, 0.2, 0.3]), 0.2);
});

test('sd is null with fewer than two values', () => {
  assert.equal(sd([]), null);
  assert.equal(sd([7]), null);
});

test('sd is the sample SD with n - 1 in the denominator', () => {
  // R: sd(c(2, 4, 4, 4, 5, 5, 7, 9)) = 2.138089935299395
  const got = sd([2, 4, 4, 4, 5, 5, 7, 9]) as number;
  assert.ok(Math.abs(got - 2.138089935299395) < 1e-15);
});

test('sd of equal values is zero', () => {
  assert.equal(sd([3, 3, 3]), 0);
});
