import 'server-only';
import type { AuditTrailFilters } from '@/db/queries/audit-trail';
import { AUDIT_ACTIONS, AUDIT_ENTITIES } from '@/db/schema/audit';
import type { Access } from '@/lib/auth/access';
import { filterDate } from '@/lib/date-entry';
import { PATIENT_CODE } from '@/lib/patients/rules';

export type AuditQuery = Partial<Record<'user' | 'entity' | 'record' | 'patient' | 'action' | 'correlation' | 'from' | 'to' | 'page', string>>;

const CORRELATION_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The patient code a filter was given, trimmed; undefined when blank. */
function typedPatient(q: AuditQuery): string | undefined {
  return q.patient?.trim() || undefined;
}

/**
 * The trail's filters from a query string; an auditor sees clinical entries of their sites only.
 * Dates in the wrong order are both left out (dateRangeProblem says so): they would match nothing.
 */
export function parseAuditQuery(q: AuditQuery, access: Access): AuditTrailFilters {
  const patient = typedPatient(q);
  const correlation = q.correlation?.trim();
  const reversed = dateRangeProblem(q) !== null;
  return {
    actorId: q.user || undefined,
    entity: (AUDIT_ENTITIES as readonly string[]).includes(q.entity ?? '') ? q.entity : undefined,
    entityId: q.record?.trim() || undefined,
    action: (AUDIT_ACTIONS as readonly string[]).includes(q.action ?? '') ? q.action : undefined,
    patientCodePrefix: patient && PATIENT_CODE.test(patient) ? patient : undefined,
    correlationId: correlation && CORRELATION_ID.test(correlation) ? correlation.toLowerCase() : undefined,
    from: reversed ? undefined : filterDate(q.from),
    to: reversed ? undefined : filterDate(q.to),
    siteIds: access.role === 'admin' ? undefined : access.siteIds,
  };
}

/** The message for a patient code that cannot be one (the page then does not apply it; the CSV refuses it); null when fine. */
export function patientFilterProblem(q: AuditQuery): string | null {
  const patient = typedPatient(q);
  if (!patient || PATIENT_CODE.test(patient)) return null;
  return 'Patient code must be 2–40 letters, digits, - or _ (e.g. PSL-005)';
}

/** The message for a From date after the To date (the page then applies neither; the CSV refuses them); null when fine. */
export function dateRangeProblem(q: AuditQuery): string | null {
  const [from, to] = [filterDate(q.from), filterDate(q.to)];
  if (!from || !to || from <= to) return null;
  return `From (${from}) is after To (${to})`;
}
