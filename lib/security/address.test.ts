import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { canonicalAddress, recordedAddress, shownAddress } from './address';

describe('canonicalAddress', () => {
  test('IPv4 stays as it is', () => {
    for (const a of ['127.0.0.1', '10.1.2.3', '192.0.2.255']) assert.equal(canonicalAddress(a), a);
  });

  test('IPv4 carried in IPv6 reads as IPv4, in every spelling', () => {
    for (const a of ['::ffff:127.0.0.1', '::FFFF:127.0.0.1', '0:0:0:0:0:ffff:127.0.0.1', '0000:0000:0000:0000:0000:ffff:7f00:0001', '::ffff:7f00:1'])
      assert.equal(canonicalAddress(a), '127.0.0.1', a);
    assert.equal(canonicalAddress('::ffff:c000:0201'), '192.0.2.1');
  });

  test('the loopback ::1 is ::1 however it is written', () => {
    for (const a of ['::1', '0000:0000:0000:0000:0000:0000:0000:0001', '0:0:0:0:0:0:0:1', ' ::1 ']) assert.equal(canonicalAddress(a), '::1', a);
  });

  test('other IPv6 addresses in their shortest lowercase form', () => {
    assert.equal(canonicalAddress('2001:0DB8:0000:0000:0000:0000:0000:0001'), '2001:db8::1');
    assert.equal(canonicalAddress('2001:db8:0:0:1:0:0:1'), '2001:db8::1:0:0:1');
    assert.equal(canonicalAddress('0000:0000:0000:0000:0000:0000:0000:0000'), '::');
  });

  test('nothing is null; text that is no address comes back trimmed', () => {
    for (const a of [null, undefined, '', '   ']) assert.equal(canonicalAddress(a), null);
    assert.equal(canonicalAddress(' unknown '), 'unknown');
    assert.equal(canonicalAddress('fe80::1%eth0'), 'fe80::1%eth0');
    assert.equal(canonicalAddress('1:2:3'), '1:2:3');
  });
});

describe('recordedAddress: what a new sign-in entry keeps', () => {
  test('canonical', () => {
    assert.equal(recordedAddress('::ffff:127.0.0.1'), '127.0.0.1');
    assert.equal(recordedAddress('0:0:0:0:0:0:0:1'), '::1');
  });

  test('the unspecified address, which no client connects from, is not known', () => {
    for (const a of ['::', '0:0:0:0:0:0:0:0', '0000:0000:0000:0000:0000:0000:0000:0000', '0.0.0.0']) assert.equal(recordedAddress(a), null, a);
  });
});

describe('shownAddress: an address read back from an entry', () => {
  test("an older entry's all-zero address is better-auth's /64 prefix of the loopback: ::1", () => {
    assert.equal(shownAddress('0000:0000:0000:0000:0000:0000:0000:0000'), '::1');
    assert.equal(shownAddress('::'), '::1');
  });

  test('every other address as canonicalAddress writes it', () => {
    assert.equal(shownAddress('::ffff:127.0.0.1'), '127.0.0.1');
    assert.equal(shownAddress('127.0.0.1'), '127.0.0.1');
    assert.equal(shownAddress('2001:0db8:0000:0000:0000:0000:0000:0000'), '2001:db8::');
    assert.equal(shownAddress(null), null);
  });
});
