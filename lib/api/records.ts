import { z } from 'zod';
import {
  AE_ACTIONS,
  AE_CATEGORIES,
  AE_OUTCOMES,
  AE_RELATEDNESS,
  ANTIBODIES,
  DM_SUBTYPES,
  JAKI_DRUGS,
  JAKI_STOP_REASONS,
  PREVIOUS_TREATMENTS,
  RELAPSE_ACTIONS,
  RELAPSE_DOMAINS,
  SEXES,
  VISIT_TYPES,
} from '@/lib/codes';
import { VISIT_FIELDS, type VisitField } from '@/lib/visits/fields';

// What /api/v1 answers for each record (docs/api.md, "Representations"): the record's fields
// by the names the forms use, dates as YYYY-MM-DD, instants as ISO 8601, and its `version`,
// which an update sends back. These schemas describe the answers in the OpenAPI document; the
// routes answer what the data layer selects (db/queries/api-records.ts), and a test checks the
// two agree.

const date = z.iso.date();
const instant = z.iso.datetime({ offset: true });
const nullable = <T extends z.ZodType>(s: T) => s.nullable();

const stamps = {
  version: z.number().int().positive().describe('Send it back with an update: a stale version is refused (409).'),
  createdAt: instant,
  updatedAt: instant,
};

export const patientRecordSchema = z
  .object({
    id: z.uuid(),
    code: z.string().describe('The pseudonymous patient code.'),
    siteId: z.uuid(),
    siteCode: z.string(),
    cohortId: z.uuid(),
    cohortCode: z.string(),
    sex: z.enum(SEXES),
    birthYear: z.number().int(),
    diagnosisDate: nullable(date),
    dmSubtype: nullable(z.enum(DM_SUBTYPES)),
    antibodies: z.array(z.enum(ANTIBODIES)),
    previousTreatments: z.array(z.enum(PREVIOUS_TREATMENTS)),
    ild: z.boolean().nullable(),
    jakiDrug: z.enum(JAKI_DRUGS),
    jakiDoseMgDay: z.number(),
    jakiStartDate: date,
    jakiStopDate: nullable(date),
    jakiStopReason: nullable(z.enum(JAKI_STOP_REASONS)),
    deathDate: nullable(date),
    deathCause: z.string().nullable(),
    followUpEndDate: nullable(date),
    ...stamps,
  })
  .meta({ id: 'Patient' });

function measureSchema(f: VisitField) {
  switch (f.kind) {
    case 'number': {
      const n = f.whole ? z.number().int() : z.number();
      return (f.min === undefined || f.max === undefined ? n : n.min(f.min).max(f.max)).nullable();
    }
    case 'code':
      return z.enum(f.codes).nullable();
    case 'yesno':
      return z.boolean().nullable();
  }
}

const measures = Object.fromEntries(VISIT_FIELDS.map((f: VisitField) => [f.key, measureSchema(f).describe(f.unit ? `${f.label} (${f.unit})` : f.label)]));

export const visitRecordSchema = z
  .object({
    id: z.uuid(),
    patientId: z.uuid(),
    patientCode: z.string(),
    visitDate: date,
    visitType: z.enum(VISIT_TYPES),
    cdasiItems: z.record(z.string(), z.unknown()).nullable().describe('The CDASI calculator items, when entered (the form\'s shape).'),
    mmt8Items: z.record(z.string(), z.unknown()).nullable().describe('The MMT8 grades per muscle, when entered (the form\'s shape).'),
    ...measures,
    ...stamps,
  })
  .meta({ id: 'Visit' });

export const adverseEventRecordSchema = z
  .object({
    id: z.uuid(),
    patientId: z.uuid(),
    patientCode: z.string(),
    term: z.string(),
    category: z.enum(AE_CATEGORIES),
    onsetDate: date,
    endDate: nullable(date),
    ongoing: z.boolean(),
    ctcaeGrade: z.number().int().min(1).max(5),
    seriousDeath: z.boolean(),
    seriousLifeThreatening: z.boolean(),
    seriousHospitalisation: z.boolean(),
    seriousDisability: z.boolean(),
    seriousCongenitalAnomaly: z.boolean(),
    seriousOtherImportant: z.boolean(),
    serious: z.boolean().describe('Serious in the ICH E2A sense: at least one criterion met.'),
    related: nullable(z.enum(AE_RELATEDNESS)),
    action: nullable(z.enum(AE_ACTIONS)),
    outcome: nullable(z.enum(AE_OUTCOMES)),
    reviewedAt: nullable(instant).describe('When an auditor reviewed this version; an edit clears it.'),
    ...stamps,
  })
  .meta({ id: 'AdverseEvent' });

export const relapseRecordSchema = z
  .object({
    id: z.uuid(),
    patientId: z.uuid(),
    patientCode: z.string(),
    relapseDate: date,
    domain: z.enum(RELAPSE_DOMAINS),
    action: nullable(z.enum(RELAPSE_ACTIONS)),
    ...stamps,
  })
  .meta({ id: 'Relapse' });

export const cohortRecordSchema = z
  .object({
    id: z.uuid(),
    code: z.string(),
    name: z.string(),
    patients: z.number().int().describe("The cohort's patients at the caller's sites."),
    lockedAt: nullable(instant).describe('Locked for analysis since then: its records cannot be written (409).'),
  })
  .meta({ id: 'Cohort' });

export const siteRecordSchema = z
  .object({
    id: z.uuid().describe("A patient's siteId names its site by this id."),
    code: z.string(),
    name: z.string(),
  })
  .meta({ id: 'Site' });

/** A page of a list: `nextCursor` asks for the next page, null on the last. (Not a component of its own: its records are.) */
export function listSchema<T extends z.ZodType>(record: T) {
  return z.object({
    data: z.array(record),
    nextCursor: z.string().nullable().describe('Pass as `cursor` for the next page; null when there is none (always with limit=all).'),
  });
}

export type PatientRecord = z.infer<typeof patientRecordSchema>;
export type VisitRecord = z.infer<typeof visitRecordSchema>;
export type AdverseEventRecord = z.infer<typeof adverseEventRecordSchema>;
export type RelapseRecord = z.infer<typeof relapseRecordSchema>;
export type CohortRecord = z.infer<typeof cohortRecordSchema>;
export type SiteRecord = z.infer<typeof siteRecordSchema>;
