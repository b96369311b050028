// What a schema says of a form, as the form shows it: every message, keyed by the field's path.

type Parsed = { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } };

export function messages(result: Parsed): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const issue of result.error?.issues ?? []) (out[issue.path.map(String).join('.')] ??= []).push(issue.message);
  return out;
}
