// What every rule module answers: the field a problem is about, and what is wrong, in a
// sentence a form shows under the field and an import prints after `file:line: column:`.

export type FieldProblem<F extends string = string> = { field: F; message: string };

/** The first problem per field, as a form shows them. */
export function byField<F extends string>(problems: FieldProblem<F>[]): Partial<Record<F, string>> {
  const out: Partial<Record<F, string>> = {};
  for (const p of problems) out[p.field] ??= p.message;
  return out;
}
