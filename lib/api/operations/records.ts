import { z } from 'zod';
import { adverseEventListQuery, patientListQuery, relapseListQuery, visitListQuery } from '../list';
import {
  adverseEventRecordSchema,
  cohortRecordSchema,
  siteRecordSchema,
  listSchema,
  patientRecordSchema,
  relapseRecordSchema,
  visitRecordSchema,
} from '../records';
import { problemAnswer as problem, type ApiOperation, type ApiResponse } from '../operation';
import { adverseEventFields } from '@/lib/schemas/adverse-event';
import { changeReason, version } from '@/lib/schemas/fields';
import { patientFields, patientSchema } from '@/lib/schemas/patient';
import { relapseFields } from '@/lib/schemas/relapse';
import { visitFields } from '@/lib/schemas/visit';
import { VISIT_FIELDS } from '@/lib/visits/fields';

// The record operations of /api/v1 (docs/api.md): patients, visits, adverse events and
// relapses (list, get, create, update) and the cohort list. Bodies are the forms' schemas;
// answers are lib/api/records.ts's.

const LIST_REFUSALS = { 400: problem('A query parameter is not valid (each named in `detail`).') };
const GET_REFUSALS = { 404: problem("No such record among the caller's sites (another site's record answers the same).") };
const WRITE_REFUSALS = {
  400: problem('The body is not JSON, or the Idempotency-Key is not a UUID. Nothing was saved.'),
  403: problem('The token has no write scope, or the role cannot change clinical records (auditors, admins). Nothing was saved.'),
  404: problem("The record (or the patient it belongs to) is not among the caller's sites. Nothing was saved."),
  409: problem('The version sent is not the current one, the cohort is locked for analysis, or the Idempotency-Key was used for another create. Nothing was saved.'),
  415: problem('The body is not sent as application/json. Nothing was saved.'),
  422: problem('Fields are refused, each by its JSON pointer with the form\'s message (a missing reason is "#/reason"). Nothing was saved.'),
};

const idempotencyHeaders = z.object({
  'Idempotency-Key': z
    .uuid()
    .optional()
    .describe('A new UUID per record to create: the same key sent again answers the record the first request made, and makes no second one.'),
});

const PATIENT_ID = '0b6f7c1e-5d0a-4c7e-9a43-2f1d8e6b9c01';
const STAMPS = { version: 2, createdAt: '2024-03-01T09:12:00.000Z', updatedAt: '2024-04-15T10:30:00.000Z' };

const patientBody = {
  code: 'NORD-0042',
  siteId: '6a1c2b3d-4e5f-4a7b-8c9d-0e1f2a3b4c5d',
  cohortId: '9f8e7d6c-5b4a-4c3d-8e2f-1a0b9c8d7e6f',
  sex: 'F',
  birthYear: 1971,
  diagnosisDate: '2022-06-01',
  dmSubtype: 'classic',
  antibodies: ['tif1g'],
  previousTreatments: ['methotrexate'],
  ild: false,
  jakiDrug: 'baricitinib',
  jakiDoseMgDay: 4,
  jakiStartDate: '2024-01-15',
};
const patientExample = {
  id: PATIENT_ID,
  ...patientBody,
  siteCode: 'NORD',
  cohortCode: 'DEMO-JAKI',
  jakiStopDate: null,
  jakiStopReason: null,
  deathDate: null,
  deathCause: null,
  followUpEndDate: null,
  ...STAMPS,
};

const visitBody = { patientId: PATIENT_ID, visitDate: '2024-04-15', visitType: 'follow_up', cdasiActivity: 8, cdasiDamage: 3, mmt8: 142, jakiDoseMgDay: 4 };
const visitExample = {
  ...Object.fromEntries(VISIT_FIELDS.map((f) => [f.key, null])),
  id: '3c2b1a09-8f7e-4d6c-9b5a-4e3d2c1b0a98',
  patientCode: 'NORD-0042',
  cdasiItems: null,
  mmt8Items: null,
  ...visitBody,
  ...STAMPS,
};

const eventBody = {
  patientId: PATIENT_ID,
  term: 'Herpes zoster',
  category: 'herpes_zoster',
  onsetDate: '2024-03-02',
  endDate: '2024-03-20',
  ctcaeGrade: 2,
  related: 'possible',
  action: 'interrupted',
  outcome: 'recovered',
};
const eventExample = {
  id: '7d6c5b4a-3e2f-4a1b-8c9d-2e3f4a5b6c7d',
  patientCode: 'NORD-0042',
  ...eventBody,
  ongoing: false,
  seriousDeath: false,
  seriousLifeThreatening: false,
  seriousHospitalisation: false,
  seriousDisability: false,
  seriousCongenitalAnomaly: false,
  seriousOtherImportant: false,
  serious: false,
  reviewedAt: null,
  ...STAMPS,
};

const relapseBody = { patientId: PATIENT_ID, relapseDate: '2024-05-02', domain: 'muscle', action: 'steroid_increase' };
const relapseExample = { id: '1e2d3c4b-5a69-4788-97a6-b5c4d3e2f1a0', patientCode: 'NORD-0042', ...relapseBody, ...STAMPS };

// An update's body: any of the form's fields, with the version read and the reason.
const patchOf = <S extends z.ZodObject>(fields: S) => fields.partial().extend({ version, reason: changeReason });

// The create bodies under a patient: the form's fields (its cross-field rules are the form's too) and the patient's id.
const withPatient = <S extends z.ZodObject>(schema: S) => schema.extend({ patientId: z.uuid().describe('The patient the record belongs to.') });

type Kind = {
  path: string;
  param: string;
  tag: string;
  one: string;
  many: string;
  opId: string;
  query: z.ZodObject;
  record: z.ZodObject;
  example: Record<string, unknown>;
  create: { schema: z.ZodType; example: unknown };
  edit: { schema: z.ZodType; example: unknown };
};

function operationsOf(k: Kind): ApiOperation[] {
  const item = `${k.path}/{${k.param}}`;
  const pathParams = z.object({ [k.param]: z.uuid().describe(`The ${k.one}'s id.`) });
  const ok = (description: string): ApiResponse => ({ description, schema: k.record, example: k.example });
  return [
    {
      method: 'get',
      path: k.path,
      operationId: `list${k.opId}s`,
      tag: k.tag,
      summary: `List ${k.many}`,
      description: `The ${k.many} of the caller's sites in the order of their ids, a page at a time (\`nextCursor\`), or all at once with \`limit=all\` (streamed).`,
      scope: 'read',
      query: k.query,
      responses: { 200: { description: `A page of ${k.many}.`, schema: listSchema(k.record), example: { data: [k.example], nextCursor: null } }, ...LIST_REFUSALS },
    },
    {
      method: 'post',
      path: k.path,
      operationId: `create${k.opId}`,
      tag: k.tag,
      summary: `Create a ${k.one}`,
      description: `Checked as the form checks it. Send an Idempotency-Key: a retry with the same key answers 201 with the ${k.one} the first request made.`,
      scope: 'write',
      headers: idempotencyHeaders,
      body: { ...k.create, fields: k.record },
      responses: { 201: ok(`The ${k.one} made (Location names it).`), ...WRITE_REFUSALS },
    },
    {
      method: 'get',
      path: item,
      operationId: `get${k.opId}`,
      tag: k.tag,
      summary: `Get a ${k.one}`,
      scope: 'read',
      pathParams,
      responses: { 200: ok(`The ${k.one}.`), ...GET_REFUSALS },
    },
    {
      method: 'patch',
      path: item,
      operationId: `update${k.opId}`,
      tag: k.tag,
      summary: `Update a ${k.one}`,
      description: 'Send the fields that change, the `version` read and a `reason` (kept in the audit trail); the fields not sent keep their values. The whole is checked as the edit form checks it.',
      scope: 'write',
      pathParams,
      body: { ...k.edit, fields: k.record, contentType: 'application/json' },
      responses: { 200: ok(`The ${k.one} as saved (its version one higher).`), ...WRITE_REFUSALS },
    },
  ];
}

const edit = (fields: Record<string, unknown>) => ({ ...fields, version: 2, reason: 'Corrected from the source document' });

export const recordOperations: ApiOperation[] = [
  ...operationsOf({
    path: '/api/v1/patients',
    param: 'patientId',
    tag: 'Patients',
    one: 'patient',
    many: 'patients',
    opId: 'Patient',
    query: patientListQuery,
    record: patientRecordSchema,
    example: patientExample,
    create: { schema: patientSchema, example: patientBody },
    edit: { schema: patchOf(patientFields), example: edit({ jakiDoseMgDay: 2 }) },
  }),
  ...operationsOf({
    path: '/api/v1/visits',
    param: 'visitId',
    tag: 'Visits',
    one: 'visit',
    many: 'visits',
    opId: 'Visit',
    query: visitListQuery,
    record: visitRecordSchema,
    example: visitExample,
    create: { schema: withPatient(visitFields), example: visitBody },
    edit: { schema: patchOf(visitFields), example: edit({ mmt8: 144 }) },
  }),
  ...operationsOf({
    path: '/api/v1/adverse-events',
    param: 'eventId',
    tag: 'Adverse events',
    one: 'adverse event',
    many: 'adverse events',
    opId: 'AdverseEvent',
    query: adverseEventListQuery,
    record: adverseEventRecordSchema,
    example: eventExample,
    create: { schema: withPatient(adverseEventFields), example: eventBody },
    edit: { schema: patchOf(adverseEventFields), example: edit({ ctcaeGrade: 3 }) },
  }),
  ...operationsOf({
    path: '/api/v1/relapses',
    param: 'relapseId',
    tag: 'Relapses',
    one: 'relapse',
    many: 'relapses',
    opId: 'Relapse',
    query: relapseListQuery,
    record: relapseRecordSchema,
    example: relapseExample,
    create: { schema: withPatient(relapseFields), example: relapseBody },
    edit: { schema: patchOf(relapseFields), example: edit({ action: 'jaki_dose_increase' }) },
  }),
  {
    method: 'get',
    path: '/api/v1/cohorts',
    operationId: 'listCohorts',
    tag: 'Cohorts',
    summary: 'List cohorts',
    description: "Every cohort, with the number of its patients at the caller's sites and whether it is locked for analysis.",
    scope: 'read',
    responses: {
      200: {
        description: 'The cohorts.',
        schema: listSchema(cohortRecordSchema),
        example: { data: [{ id: '9f8e7d6c-5b4a-4c3d-8e2f-1a0b9c8d7e6f', code: 'DEMO-JAKI', name: 'Demo JAK inhibitor cohort', patients: 12, lockedAt: null }], nextCursor: null },
      },
    },
  },
  {
    method: 'get',
    path: '/api/v1/sites',
    operationId: 'listSites',
    tag: 'Patients',
    summary: "List the caller's sites",
    description: "The sites the caller works at (an admin's: every site), with the ids a new patient's siteId takes.",
    scope: 'read',
    responses: {
      200: {
        description: 'The sites, by code.',
        schema: listSchema(siteRecordSchema),
        example: { data: [{ id: '0b1c2d3e-4f50-4617-8293-a4b5c6d7e8f9', code: 'NORD', name: 'Hôpital Nord' }], nextCursor: null },
      },
    },
  },
];
