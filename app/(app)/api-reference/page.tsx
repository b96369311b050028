import type { Metadata } from 'next';
import Link from 'next/link';
import { PageHead } from '@/components/PageHead';
import { SchemaView, typeText, type Schema } from '@/components/api/SchemaView';
import { apiDocument } from '@/lib/api/document';
import { requireAccess } from '@/server/auth/session';

export const metadata: Metadata = { title: 'API reference' };

type Parameter = { name: string; in: string; required: boolean; description?: string; schema: Schema };
type Media = { schema?: Schema; example?: unknown };
type Operation = {
  operationId: string;
  tags: string[];
  summary: string;
  description?: string;
  'x-scope': string;
  parameters: Parameter[];
  requestBody?: { content: Record<string, Media> };
  responses: Record<string, { description: string; content: Record<string, Media> }>;
};

/** Answers every operation may get from the access check; listed once at the top, not under each. */
const COMMON = new Set(['401', '403', '429', '503']);

function Example({ value }: { value: unknown }) {
  return <pre className="example">{JSON.stringify(value, null, 2)}</pre>;
}

function OperationView({ method, path, op }: { method: string; path: string; op: Operation }) {
  const body = op.requestBody && Object.entries(op.requestBody.content)[0];
  return (
    <section className="panel api-operation" id={op.operationId} aria-labelledby={`${op.operationId}-title`}>
      <h3 id={`${op.operationId}-title`}>
        <span className={`badge api-method api-${method}`}>{method.toUpperCase()}</span> <code>{path}</code>
      </h3>
      <p>
        {op.summary}. <span className="muted">Token scope: {op['x-scope']}.</span>
      </p>
      {op.description && <p className="muted">{op.description}</p>}
      {op.parameters.length > 0 && (
        <table className="api-fields api-params" aria-label={`Parameters of ${method.toUpperCase()} ${path}`}>
          <thead>
            <tr>
              <th scope="col">Parameter</th>
              <th scope="col">In</th>
              <th scope="col">Type</th>
              <th scope="col">Description</th>
            </tr>
          </thead>
          <tbody>
            {op.parameters.map((p) => (
              <tr key={`${p.in}-${p.name}`}>
                <td>
                  <code>{p.name}</code>
                  {!p.required && <span className="muted"> optional</span>}
                </td>
                <td>{p.in}</td>
                <td>{typeText(p.schema)}</td>
                <td>
                  {p.description}
                  {p.schema.default !== undefined && <span className="muted"> Default {JSON.stringify(p.schema.default)}.</span>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {body && (
        <>
          <h4>Request body ({body[0]})</h4>
          {body[1].schema && <SchemaView schema={body[1].schema} label={`Request body of ${method.toUpperCase()} ${path}`} />}
          {body[1].example !== undefined && <Example value={body[1].example} />}
        </>
      )}
      <h4>Answers</h4>
      <ul className="api-responses">
        {Object.entries(op.responses)
          .filter(([status]) => !COMMON.has(status))
          .map(([status, r]) => {
            const [type, media] = Object.entries(r.content)[0] ?? [];
            return (
              <li key={status}>
                <strong>{status}</strong> {r.description} {type && <span className="muted">({type}{media?.schema ? <>: {typeText(media.schema)}</> : null})</span>}
                {media?.example !== undefined && Number(status) < 300 && <Example value={media.example} />}
              </li>
            );
          })}
      </ul>
    </section>
  );
}

export default async function ApiReferencePage() {
  await requireAccess();
  const doc = apiDocument();
  const operations = Object.entries(doc.paths).flatMap(([path, methods]) => Object.entries(methods as Record<string, Operation>).map(([method, op]) => ({ path, method, op })));
  const tags = doc.tags.map((t) => t.name);
  const schemas = doc.components.schemas as Record<string, Schema>;
  return (
    <>
      <PageHead title="API reference" actions={<a href="/api/v1/openapi.json" download="openapi.json">OpenAPI document (JSON)</a>}>
        Version {doc.info.version} · for scripts and other systems
      </PageHead>
      <section className="panel" aria-labelledby="api-start">
        <h2 id="api-start">Calling the API</h2>
        <p>
          Make a token on <Link href="/account">your account page</Link> and send it as <code>Authorization: Bearer dmj_…</code>. It acts with your role and your sites only:
          another site&apos;s record answers 404. A token with the read scope may only GET.
        </p>
        <p>
          Refusals are problem details (<code>application/problem+json</code>, RFC 9457) with the status, a sentence in <code>detail</code>, and one entry per wrong field in{' '}
          <code>errors</code>, named by its JSON pointer (<code>#/visitDate</code>). Every operation may also answer 401 (no valid session or token), 403 (the token lacks
          the scope, or the role may not), 429 (too many wrong tokens: wait for Retry-After seconds) and 503 (the database cannot be reached; nothing was written).
        </p>
        <nav aria-label="Operations">
          {tags.map((tag) => (
            <p key={tag}>
              <strong>{tag}:</strong>{' '}
              {operations
                .filter((o) => o.op.tags[0] === tag)
                .map((o, i) => (
                  <span key={o.op.operationId}>
                    {i > 0 && ' · '}
                    <a href={`#${o.op.operationId}`}>
                      {o.method.toUpperCase()} {o.path}
                    </a>
                  </span>
                ))}
            </p>
          ))}
        </nav>
      </section>
      {tags.map((tag) => (
        <section key={tag} aria-labelledby={`tag-${tag}`}>
          <h2 id={`tag-${tag}`}>{tag}</h2>
          {operations
            .filter((o) => o.op.tags[0] === tag)
            .map((o) => (
              <OperationView key={o.op.operationId} {...o} />
            ))}
        </section>
      ))}
      <section aria-labelledby="schemas-heading">
        <h2 id="schemas-heading">Schemas</h2>
        {Object.entries(schemas).map(([name, schema]) => (
          <section key={name} className="panel" id={`schema-${name}`} aria-labelledby={`schema-${name}-title`}>
            <h3 id={`schema-${name}-title`}>{name}</h3>
            {schema.description && <p className="muted">{schema.description}</p>}
            <SchemaView schema={schema} label={`Fields of ${name}`} />
          </section>
        ))}
      </section>
    </>
  );
}
