import { z } from 'zod';
import { problemAnswer, type ApiOperation, type ApiResponse } from './operation';

// The OpenAPI 3.1 document of /api/v1, built from the operations' own zod schemas (zod 4's
// JSON Schema, whose dialect 2020-12 is OpenAPI 3.1's). Schemas named with `.meta({ id })`
// become components, referred to from every place they are used.

type JsonSchema = Record<string, unknown>;
type Io = 'input' | 'output';

const COMPONENTS = '#/components/schemas/';

/** Every operation can be refused by withApiAccess (server/auth/api-access.ts) before it runs. */
const ACCESS_RESPONSES: Record<number, ApiResponse> = {
  401: problemAnswer('No session and no token, or the token is wrong, revoked or expired.', {
    type: 'about:blank',
    title: 'Not signed in',
    status: 401,
    detail: 'The token is not valid: it may be mistyped, revoked or expired.',
  }),
  403: problemAnswer("The token lacks the scope the method needs (read for GET, write for the rest), or the user's role may not do this."),
  429: problemAnswer('Too many wrong tokens from this address; the Retry-After header says for how many seconds.'),
  503: problemAnswer('The database cannot be reached just now; nothing was written.'),
};

/**
 * Converts zod schemas, hoisting named ones into `components.schemas`, and pointing every
 * reference there, including those from one component to another. A name given to two
 * different schemas (a schema that reads differently as a request than as an answer) is
 * refused: name only one of them.
 */
class SchemaSet {
  readonly components: Record<string, JsonSchema> = {};

  convert(schema: z.ZodType, io: Io): JsonSchema {
    const { $defs, $schema: _dialect, ...root } = z.toJSONSchema(schema, { target: 'draft-2020-12', io, unrepresentable: 'any' }) as JsonSchema & {
      $defs?: Record<string, JsonSchema>;
    };
    for (const [id, def] of Object.entries($defs ?? {})) this.add(id, toComponents(def));
    return toComponents(root);
  }

  private add(id: string, def: JsonSchema) {
    if (this.components[id] && JSON.stringify(this.components[id]) !== JSON.stringify(def)) throw new Error(`Two different schemas are both named ${id}`);
    this.components[id] = def;
  }
}

/** zod writes references to its `$defs`; the document keeps them under components. */
function toComponents(node: JsonSchema): JsonSchema {
  return JSON.parse(JSON.stringify(node), (key, value) =>
    key === '$ref' && typeof value === 'string' && value.startsWith('#/$defs/') ? COMPONENTS + value.slice('#/$defs/'.length) : value,
  ) as JsonSchema;
}

/**
 * A request body as a client should write it. The forms' schemas read browser values (a
 * number may come as "12", a blank as ""), so as JSON Schema they say little ("string or
 * anything"). When the operation names the record's own schema (`fields`), each field the
 * body shares with the record is described by it (type, codes, range), and the body's schema
 * still says which fields may be left out.
 */
function parameters(set: SchemaSet, where: 'path' | 'query' | 'header', shape: z.ZodObject | undefined) {
  return Object.entries(shape?.shape ?? {}).map(([name, field]) => {
    const schema = field as z.ZodType;
    const { description, ...rest } = set.convert(schema, 'input');
    return {
      name,
      in: where,
      required: where === 'path' || !schema.safeParse(undefined).success,
      ...(description ? { description } : {}),
      schema: rest,
    };
  });
}

function response(set: SchemaSet, r: ApiResponse) {
  const contentType = r.contentType ?? 'application/json';
  const media: Record<string, unknown> = {};
  if (r.schema) media.schema = set.convert(r.schema, 'output');
  else if (!contentType.includes('json')) media.schema = { type: 'string', format: contentType.startsWith('text/') ? undefined : 'binary' };
  if (r.example !== undefined) media.example = r.example;
  return { description: r.description, content: { [contentType]: media } };
}

/** A field whose schema says nothing a reader can use: anything, or anything among others. */
function vague(field: JsonSchema): boolean {
  const alternatives = field.anyOf as JsonSchema[] | undefined;
  if (alternatives) return alternatives.some((a) => Object.keys(a).length === 0);
  return !['type', '$ref', 'enum', 'const'].some((k) => k in field);
}

function requestSchema(set: SchemaSet, body: NonNullable<ApiOperation['body']>): JsonSchema {
  const read = set.convert(body.schema, 'input') as JsonSchema & { properties?: Record<string, JsonSchema> };
  if (!body.fields || !read.properties) return read;
  const converted = set.convert(body.fields, 'output');
  const ref = typeof converted.$ref === 'string' ? converted.$ref.slice(COMPONENTS.length) : null;
  const record = (ref ? set.components[ref] : converted) as { properties?: Record<string, JsonSchema> };
  const properties = Object.fromEntries(Object.entries(read.properties).map(([key, field]) => [key, vague(field) ? (record.properties?.[key] ?? field) : field]));
  return { ...read, properties };
}

export type OpenApiInfo = { version: string; description: string };

export function openApiDocument(operations: readonly ApiOperation[], info: OpenApiInfo) {
  const set = new SchemaSet();
  const paths: Record<string, Record<string, unknown>> = {};
  for (const op of operations) {
    const responses = { ...ACCESS_RESPONSES, ...op.responses };
    (paths[op.path] ??= {})[op.method] = {
      operationId: op.operationId,
      tags: [op.tag],
      summary: op.summary,
      ...(op.description ? { description: op.description } : {}),
      'x-scope': op.scope,
      parameters: [...parameters(set, 'path', op.pathParams), ...parameters(set, 'query', op.query), ...parameters(set, 'header', op.headers)],
      ...(op.body
        ? {
            requestBody: {
              required: true,
              content: {
                [op.body.contentType ?? 'application/json']: {
                  schema: requestSchema(set, op.body),
                  ...(op.body.example !== undefined ? { example: op.body.example } : {}),
                },
              },
            },
          }
        : {}),
      responses: Object.fromEntries(Object.entries(responses).map(([status, r]) => [status, response(set, r)])),
    };
  }
  return {
    openapi: '3.1.0',
    jsonSchemaDialect: 'https://json-schema.org/draft/2020-12/schema',
    info: { title: 'DM JAKi registry API', version: info.version, description: info.description },
    servers: [{ url: '/', description: 'This server' }],
    security: [{ bearerToken: [] }, { session: [] }],
    tags: [...new Set(operations.map((op) => op.tag))].map((name) => ({ name })),
    paths,
    components: {
      schemas: set.components,
      securitySchemes: {
        bearerToken: { type: 'http', scheme: 'bearer', description: 'A personal access token (dmj_…) made on the account page or with npm run token:create.' },
        session: { type: 'apiKey', in: 'cookie', name: 'better-auth.session_token', description: "The app's own pages: the signed-in session." },
      },
    },
  };
}

export type OpenApiDocument = ReturnType<typeof openApiDocument>;
