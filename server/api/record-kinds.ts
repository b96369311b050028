import 'server-only';
import { adverseEventRecords, patientRecords, relapseRecords, visitRecords } from '@/db/queries/api-records';
import { createAdverseEvent, updateAdverseEvent } from '@/db/queries/adverse-events';
import { createPatient, updatePatient } from '@/db/queries/patients';
import { createRelapse, updateRelapse } from '@/db/queries/relapses';
import { createVisit, updateVisit } from '@/db/queries/visits';
import { adverseEventListQuery, patientListQuery, relapseListQuery, visitListQuery } from '@/lib/api/list';
import { adverseEventEditSchema, adverseEventSchema } from '@/lib/schemas/adverse-event';
import { patientEditSchema, patientSchema } from '@/lib/schemas/patient';
import { relapseEditSchema, relapseSchema } from '@/lib/schemas/relapse';
import { visitEditSchema, visitSchema } from '@/lib/schemas/visit';
import { underPatient, type RecordKind } from './record-routes';

const recordKind = <Q extends { limit: number | 'all'; cursor: string | null }, R extends { id: string }, C, E extends { reason: string; version: number }>(kind: RecordKind<Q, R, C, E>) => kind;

// What each record kind of /api/v1 reads and writes with: the list query (db/queries/api-records.ts),
// the form's schemas (lib/schemas) and the data layer's create and update, the forms' own.

export const patientsApi = recordKind({
  path: '/api/v1/patients',
  name: 'Patient',
  param: 'patientId',
  listQuery: patientListQuery,
  list: patientRecords,
  createSchema: patientSchema,
  create: (db, { actorId, siteIds }, input, requestKey) => createPatient(db, { actorId, siteIds, input, requestKey }),
  editSchema: patientEditSchema,
  update: (db, { actorId, siteIds }, patientId, version, reason, input) => updatePatient(db, { actorId, siteIds, patientId, version, reason, input }),
});

export const visitsApi = recordKind({
  path: '/api/v1/visits',
  name: 'Visit',
  param: 'visitId',
  listQuery: visitListQuery,
  list: visitRecords,
  createSchema: underPatient(visitSchema),
  create: (db, { actorId, siteIds }, { patientId, ...input }, requestKey) => createVisit(db, { actorId, siteIds, patientId, input, requestKey }),
  editSchema: visitEditSchema,
  update: (db, { actorId, siteIds }, visitId, version, reason, input) => updateVisit(db, { actorId, siteIds, visitId, version, reason, input }),
});

export const adverseEventsApi = recordKind({
  path: '/api/v1/adverse-events',
  name: 'Adverse event',
  param: 'eventId',
  listQuery: adverseEventListQuery,
  list: adverseEventRecords,
  createSchema: underPatient(adverseEventSchema),
  create: (db, { actorId, siteIds }, { patientId, ...input }, requestKey) => createAdverseEvent(db, { actorId, siteIds, patientId, input, requestKey }),
  editSchema: adverseEventEditSchema,
  update: (db, { actorId, siteIds }, eventId, version, reason, input) => updateAdverseEvent(db, { actorId, siteIds, eventId, version, reason, input }),
});

export const relapsesApi = recordKind({
  path: '/api/v1/relapses',
  name: 'Relapse',
  param: 'relapseId',
  listQuery: relapseListQuery,
  list: relapseRecords,
  createSchema: underPatient(relapseSchema),
  create: (db, { actorId, siteIds }, { patientId, ...input }, requestKey) => createRelapse(db, { actorId, siteIds, patientId, input, requestKey }),
  editSchema: relapseEditSchema,
  update: (db, { actorId, siteIds }, relapseId, version, reason, input) => updateRelapse(db, { actorId, siteIds, relapseId, version, reason, input }),
});
