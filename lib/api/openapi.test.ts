import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Validator } from '@seriousme/openapi-schema-validator';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { apiDocument } from './document';
import { apiOperations } from './operations';

// The OpenAPI document is the API's contract for scripts: it must be a valid OpenAPI 3.1
// document, name every route the app has (and none it has not), and its examples must be
// what its schemas say.

const ROOT = new URL('../../', import.meta.url).pathname;
const API_DIR = path.join(ROOT, 'app/api/v1');
const METHODS = ['GET', 'POST', 'PATCH', 'PUT', 'DELETE'] as const;

/** Every `METHOD path` the route files under app/api/v1 export, with [param] as {param}. */
function routeOperations(): string[] {
  const found: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name === 'route.ts') {
        const source = readFileSync(full, 'utf8');
        const route = `/api/v1/${path.relative(API_DIR, dir)}`.replace(/\[(\w+)\]/g, '{$1}');
        for (const method of METHODS) if (new RegExp(`export (const|async function) ${method}\\b`).test(source)) found.push(`${method.toLowerCase()} ${route}`);
      }
    }
  };
  walk(API_DIR);
  return found.sort();
}

describe('the OpenAPI document', () => {
  const doc = apiDocument();

  test('is a valid OpenAPI 3.1 document', async () => {
    const validator = new Validator();
    const result = await validator.validate(structuredClone(doc));
    assert.equal(validator.version, '3.1');
    assert.deepEqual(result.errors ?? [], [], JSON.stringify(result.errors, null, 1));
    assert.equal(result.valid, true);
  });

  test('documents every route of /api/v1, and no route that does not exist', () => {
    const documented = apiOperations.map((op) => `${op.method} ${op.path}`).sort();
    const routes = routeOperations();
    assert.ok(routes.length >= 10, `found only ${routes.length} route operations: is ${API_DIR} right?`);
    assert.deepEqual(
      { undocumented: routes.filter((r) => !documented.includes(r)), withoutRoute: documented.filter((d) => !routes.includes(d)) },
      { undocumented: [], withoutRoute: [] },
    );
  });

  test('names each operation once, declares every path parameter and the scope its method needs', () => {
    const ids = apiOperations.map((op) => op.operationId);
    assert.deepEqual(ids.filter((id, i) => ids.indexOf(id) !== i), []);
    for (const op of apiOperations) {
      const inPath = [...op.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
      assert.deepEqual(Object.keys(op.pathParams?.shape ?? {}).sort(), inPath, `${op.operationId}: path parameters`);
      assert.equal(op.scope, op.method === 'get' ? 'read' : 'write', `${op.operationId}: scope`);
      assert.ok(Object.keys(op.responses).some((s) => Number(s) < 300), `${op.operationId}: no success response`);
    }
  });

  test('every example validates against its schema in the document', () => {
    const ajv = new Ajv2020({ strict: false, allErrors: true });
    addFormats(ajv);
    // References point into the document's components: validate with them beside the schema.
    const check = (where: string, schema: unknown, example: unknown) => {
      const validate = ajv.compile({ ...(schema as object), components: doc.components });
      assert.ok(validate(example), `${where}: ${ajv.errorsText(validate.errors)}`);
    };
    let examples = 0;
    for (const [route, methods] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(methods as Record<string, { requestBody?: { content: Record<string, { schema: unknown; example?: unknown }> }; responses: Record<string, { content: Record<string, { schema?: unknown; example?: unknown }> }> }>)) {
        for (const media of Object.values(op.requestBody?.content ?? {}))
          if (media.example !== undefined) {
            check(`${method} ${route} request body`, media.schema, media.example);
            examples++;
          }
        for (const [status, response] of Object.entries(op.responses))
          for (const media of Object.values(response.content))
            if (media.example !== undefined && media.schema) {
              check(`${method} ${route} ${status}`, media.schema, media.example);
              examples++;
            }
      }
    }
    assert.ok(examples >= 1, 'no example checked');
  });

  test('an example that does not match its schema is caught', () => {
    const ajv = new Ajv2020({ strict: false });
    const problem = doc.components.schemas.Problem;
    assert.ok(problem, 'the Problem schema is a component');
    assert.equal(ajv.validate(problem, { type: 'about:blank', title: 'Not found', status: '404' }), false);
  });
});
