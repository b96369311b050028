import 'server-only';
import type { AuditTrailFilters } from '@/db/queries/audit-trail';
import { AUDIT_ACTIONS, AUDIT_ENTITIES } from '@/db/schema/audit';
import type { Access } from '@/lib/auth/access';
import { filterDate } from '@/lib/date-entry';

export type AuditQuery = Partial<Record<'user' | 'entity' | 'record' | 'action' | 'from' | 'to' | 'page', string>>;


/** The trail's filters from a query string; an auditor sees clinical entries of their sites only. */
export function parseAuditQuery(q: AuditQuery, access: Access): AuditTrailFilters {
  return {
    actorId: q.user || undefined,
    entity: (AUDIT_ENTITIES as readonly string[]).includes(q.entity ?? '') ? q.entity : undefined,
    entityId: q.record?.trim() || undefined,
    action: (AUDIT_ACTIONS as readonly string[]).includes(q.action ?? '') ? q.action : undefined,
    from: filterDate(q.from),
    to: filterDate(q.to),
    siteIds: access.role === 'admin' ? undefined : access.siteIds,
  };
}
