// The trail's vocabulary: what an entry records, and the kind of record it is about. Writers
// (db/audit.ts), the trail's filters (server/review/audit-filters.ts) and its words
// (lib/audit/describe.ts) use these lists.
export const AUDIT_ACTIONS = ['create', 'update', 'void', 'review', 'verify', 'sign', 'sign_in', 'sign_in_failed', 'sign_in_locked', 'sign_in_unlocked', 'lock', 'unlock', 'import', 'export', 'revoke', 'query_raise', 'query_answer', 'query_close', 'query_reopen'] as const;
export const AUDIT_ENTITIES = ['patient', 'visit', 'adverse_event', 'relapse', 'user', 'session', 'cohort', 'site', 'report', 'audit_log', 'access_token'] as const;
/** The entities that are a patient or one of its records: their entries are patient data, seen only at the patient's sites. */
export const CLINICAL_ENTITIES = ['patient', 'visit', 'adverse_event', 'relapse'] as const satisfies readonly (typeof AUDIT_ENTITIES)[number][];
export type AuditAction = (typeof AUDIT_ACTIONS)[number];
export type AuditEntity = (typeof AUDIT_ENTITIES)[number];
