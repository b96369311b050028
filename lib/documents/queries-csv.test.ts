import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parse } from 'csv-parse/sync';
import type { RecordFacts } from '@/lib/audit/describe';
import { queriesCsv } from './queries-csv';

const record: RecordFacts = {
  entity: 'visit',
  entityId: '00000000-0000-4000-8000-000000000001',
  action: '',
  patientId: '00000000-0000-4000-8000-000000000002',
  patientCode: 'NRD-001',
  visitDate: '2024-01-22',
  eventTerm: null,
  relapseDate: null,
  relapseDomain: null,
  voided: false,
  userName: null,
  userEmail: null,
  cohortCode: null,
  siteCode: null,
  tokenName: null,
};

test('the queries CSV names the record and the field as the list does, and neutralises formulas', () => {
  const csv = queriesCsv([
    {
      id: 'q1',
      siteCode: 'NORD',
      record,
      field: 'ckUL',
      question: '=HYPERLINK("x") is this CK right?',
      state: 'open',
      raisedBy: 'u1',
      raisedByName: 'Marc Dubois',
      raisedAt: new Date('2025-03-02T14:05:09Z'),
      updatedAt: new Date('2025-03-03T08:00:00Z'),
    },
  ]);
  const [header, row] = parse(csv) as string[][];
  assert.deepEqual(header, ['query_id', 'site', 'patient', 'record', 'field', 'question', 'state', 'raised_by', 'raised_at_utc', 'last_step_at_utc']);
  assert.deepEqual(row, ['q1', 'NORD', 'NRD-001', 'NRD-001 · visit 2024-01-22', 'CK (U/L)', `'=HYPERLINK("x") is this CK right?`, 'open', 'Marc Dubois', '2025-03-02 14:05', '2025-03-03 08:00']);
});
