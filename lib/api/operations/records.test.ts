import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { adverseEventEditSchema, adverseEventSchema } from '@/lib/schemas/adverse-event';
import { patientEditSchema, patientSchema } from '@/lib/schemas/patient';
import { relapseEditSchema, relapseSchema } from '@/lib/schemas/relapse';
import { visitEditSchema, visitSchema } from '@/lib/schemas/visit';
import { recordOperations } from './records';

// The examples of the record operations are what a client would send and get: each request
// example passes the form's own schema (the one the route parses with), each answer example
// its documented schema.

const FORM_SCHEMAS = {
  createPatient: patientSchema,
  updatePatient: patientEditSchema,
  createVisit: visitSchema,
  updateVisit: visitEditSchema,
  createAdverseEvent: adverseEventSchema,
  updateAdverseEvent: adverseEventEditSchema,
  createRelapse: relapseSchema,
  updateRelapse: relapseEditSchema,
};

describe('record operations of /api/v1', () => {
  test('every answer example validates against its schema', () => {
    for (const op of recordOperations)
      for (const [status, response] of Object.entries(op.responses))
        if (response.example !== undefined) assert.ok(response.schema?.safeParse(response.example).success, `${op.operationId} ${status}: ${JSON.stringify(response.schema?.safeParse(response.example).error?.issues)}`);
  });

  test('every body example passes the documented schema and the form schema the route parses with', () => {
    for (const op of recordOperations.filter((o) => o.body)) {
      const example = op.body!.example as Record<string, unknown>;
      assert.ok(op.body!.schema.safeParse(example).success, `${op.operationId}: ${JSON.stringify(op.body!.schema.safeParse(example).error?.issues)}`);
      const form = FORM_SCHEMAS[op.operationId as keyof typeof FORM_SCHEMAS];
      assert.ok(form, op.operationId);
      // An update's example is a patch: the form sees it over the record (here the create's example).
      const create = recordOperations.find((o) => o.method === 'post' && o.path === op.path.replace(/\/\{\w+\}$/, ''))!.body!.example as Record<string, unknown>;
      const whole = op.method === 'patch' ? { ...create, ...example } : example;
      const parsed = form.safeParse(whole);
      assert.ok(parsed.success, `${op.operationId}: ${JSON.stringify(parsed.error?.issues)}`);
    }
  });

  test('operation ids are unique and every write says so in its scope', () => {
    const ids = recordOperations.map((o) => o.operationId);
    assert.equal(new Set(ids).size, ids.length);
    for (const op of recordOperations) assert.equal(op.scope, op.method === 'get' ? 'read' : 'write', op.operationId);
  });
});
