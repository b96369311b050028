// A JSON Schema of the OpenAPI document as people read it: a table of fields, their types and
// whether they are required, named components as links to their own table.

type Schema = {
  $ref?: string;
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  format?: string;
  description?: string;
  default?: unknown;
  minimum?: number;
  maximum?: number;
  items?: Schema;
  properties?: Record<string, Schema>;
  required?: string[];
  anyOf?: Schema[];
  oneOf?: Schema[];
  additionalProperties?: boolean | Schema;
};

const componentName = (ref: string) => ref.replace('#/components/schemas/', '');

/** "string (date)", "integer 0–100", "one of a, b", "Visit", "array of Visit", "string or null". */
export function typeText(schema: Schema | undefined): React.ReactNode {
  if (!schema || Object.keys(schema).length === 0) return 'any';
  if (schema.$ref) {
    const name = componentName(schema.$ref);
    return <a href={`#schema-${name}`}>{name}</a>;
  }
  if (schema.const !== undefined) return <code>{JSON.stringify(schema.const)}</code>;
  if (schema.enum) return <>one of {schema.enum.map((v, i) => <span key={String(v)}>{i > 0 && ', '}<code>{String(v)}</code></span>)}</>;
  const alternatives = schema.anyOf ?? schema.oneOf;
  if (alternatives) return <>{alternatives.map((s, i) => <span key={i}>{i > 0 && ' or '}{typeText(s)}</span>)}</>;
  const types = Array.isArray(schema.type) ? schema.type : schema.type ? [schema.type] : [];
  const main = types.filter((t) => t !== 'null');
  if (main.length === 0) return types.length ? 'null' : 'any';
  const base = main.map((t) => {
    if (t === 'array') return <span key={t}>array of {typeText(schema.items)}</span>;
    const range = schema.minimum !== undefined && schema.maximum !== undefined && Math.abs(schema.maximum) < 1e15 ? ` ${schema.minimum}–${schema.maximum}` : '';
    return <span key={t}>{t}{schema.format ? ` (${schema.format})` : ''}{range}</span>;
  });
  return <>{base}{types.includes('null') && ' or null'}</>;
}

export function SchemaView({ schema, label }: { schema: Schema; label: string }) {
  if (!schema.properties) return <p>{typeText(schema)}</p>;
  const required = new Set(schema.required ?? []);
  return (
    <table className="api-fields" aria-label={label}>
      <thead>
        <tr>
          <th scope="col">Field</th>
          <th scope="col">Type</th>
          <th scope="col">Description</th>
        </tr>
      </thead>
      <tbody>
        {Object.entries(schema.properties).map(([name, field]) => (
          <tr key={name}>
            <td>
              <code>{name}</code>
              {required.has(name) ? '' : <span className="muted"> optional</span>}
            </td>
            <td>{typeText(field)}</td>
            <td>
              {field.description}
              {field.default !== undefined && <span className="muted"> Default {JSON.stringify(field.default)}.</span>}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export type { Schema };
