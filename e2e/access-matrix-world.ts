import { NOT_CONTENT_COLUMNS } from '@/lib/records/content';
import { SITES, USERS, type SiteCode } from './access-matrix';
import type { Sql } from './http';

// The records the access matrix is walked over: one patient with a follow-up visit, an
// adverse event, a relapse and a query at each site (EST is made by an admin's import: the coordinator and the
// auditor work at NORD and SUD only), and every record's id and code by site for the leak check.

export type Rec = {
  siteCode: SiteCode;
  siteId: string;
  cohortId: string;
  patientId: string;
  patientCode: string;
  patientVersion: number;
  visitId: string;
  visitVersion: number;
  visitDate: string;
  visitType: string;
  /** The visit's content hash, as a signing form sends it back (db/queries/content-hash.ts). */
  visitHash: string;
  eventId: string;
  eventVersion: number;
  onsetDate: string;
  relapseId: string;
  relapseVersion: number;
  relapseDate: string;
  relapseDomain: string;
  /** A query on the patient's follow-up visit (the world raises one where there is none). */
  queryId: string;
  /** A date a new follow-up may take. */
  freeDate: string;
  userId: string;
};

/** Where a target sits: a site; `any` = every role's scope; `none` = nobody's (bad or missing id). */
export type Scope = SiteCode | 'any' | 'none';

export type World = {
  fixtures: Record<SiteCode, Rec>;
  siteIds: Map<SiteCode, string>;
  /** A second NORD patient, to put a NORD record under the wrong patient. */
  otherNordPatientId: string;
  clinicianUserId: string;
  /** Records (patient ids and codes, visit and event ids) by site, for the leak check. */
  recordsBySite: Map<string, Set<string>>;
};

/** The third site's files, imported by an admin when the database does not hold EST yet. */
export const EST_FILES = {
  patients: {
    name: 'patients.csv',
    text:
      'patient_code,site,cohort,sex,birth_year,diagnosis_date,dm_subtype,antibodies,previous_treatments,ild,jaki_drug,jaki_dose_mg_day,jaki_start_date,jaki_stop_date,jaki_stop_reason,death_date,death_cause\n' +
      'EST-001,EST,E2E-EST,F,1968,2020-02-01,classic,tif1g,methotrexate,no,baricitinib,4,2024-01-15,,,,\n',
  },
  visits: {
    name: 'visits.csv',
    text:
      'patient_code,visit_date,visit_type,cdasi_activity,cdasi_damage,mmt8,prednisone_mg_day,ivig,active_cutaneous,active_muscle,jaki_dose_mg_day\n' +
      'EST-001,2024-01-10,baseline,28,4,118,20,none,yes,yes,4\n' +
      'EST-001,2024-04-12,follow_up,12,4,128,10,none,yes,no,4\n',
  },
  adverseEvents: {
    name: 'adverse_events.csv',
    text:
      'patient_code,onset_date,term,category,ctcae_grade,serious,related,action,outcome,end_date\n' +
      'EST-001,2024-03-01,Herpes zoster (access check),herpes_zoster,2,no,possible,none,recovered,2024-03-20\n',
  },
  relapses: {
    name: 'relapses.csv',
    text: 'patient_code,relapse_date,domain,action\nEST-001,2024-05-02,muscle,steroid_increase\n',
  },
};

async function loadRec(sql: Sql, site: SiteCode, clinicianUserId: string): Promise<Rec> {
  const [row] = await sql<
    {
      site_id: string;
      cohort_id: string;
      patient_id: string;
      code: string;
      patient_version: number;
      visit_id: string;
      visit_version: number;
      visit_date: string;
      visit_type: string;
      visit_hash: string;
      event_id: string;
      event_version: number;
      onset_date: string;
      relapse_id: string;
      relapse_version: number;
      relapse_date: string;
      relapse_domain: string;
      baseline: string;
      jaki_start: string;
    }[]
  >`
    select s.id as site_id, p.cohort_id, p.id as patient_id, p.code, p.version as patient_version,
           v.id as visit_id, v.version as visit_version, v.visit_date::text as visit_date, v.visit_type,
           md5((to_jsonb(v) - ${NOT_CONTENT_COLUMNS as unknown as string[]}::text[])::text) as visit_hash,
           a.id as event_id, a.version as event_version, a.onset_date::text as onset_date,
           r.id as relapse_id, r.version as relapse_version, r.relapse_date::text as relapse_date, r.domain as relapse_domain,
           b.visit_date::text as baseline, p.jaki_start_date::text as jaki_start
    from patient p
    join site s on s.id = p.site_id
    join visit b on b.patient_id = p.id and b.visit_type = 'baseline' and b.voided_at is null
    join lateral (select * from visit where patient_id = p.id and voided_at is null and visit_type = 'follow_up'
                  order by visit_date desc limit 1) v on true
    join lateral (select * from adverse_event where patient_id = p.id and voided_at is null order by onset_date limit 1) a on true
    join lateral (select * from relapse where patient_id = p.id and voided_at is null order by relapse_date limit 1) r on true
    where s.code = ${site} and p.voided_at is null and p.death_date is null
    order by p.code limit 1`;
  if (!row) throw new Error(`no ${site} patient with a follow-up, an adverse event and a relapse`);
  const taken = new Set((await sql<{ d: string }[]>`select visit_date::text as d from visit where patient_id = ${row.patient_id}`).map((r) => r.d));
  let day = new Date(`${row.baseline > row.jaki_start ? row.baseline : row.jaki_start}T00:00:00Z`);
  do day = new Date(day.getTime() + 86_400_000);
  while (taken.has(day.toISOString().slice(0, 10)));
  return {
    siteCode: site,
    siteId: row.site_id,
    cohortId: row.cohort_id,
    patientId: row.patient_id,
    patientCode: row.code,
    patientVersion: row.patient_version,
    visitId: row.visit_id,
    visitVersion: row.visit_version,
    visitDate: row.visit_date,
    visitType: row.visit_type,
    visitHash: row.visit_hash,
    eventId: row.event_id,
    eventVersion: row.event_version,
    onsetDate: row.onset_date,
    relapseId: row.relapse_id,
    relapseVersion: row.relapse_version,
    relapseDate: row.relapse_date,
    relapseDomain: row.relapse_domain,
    freeDate: day.toISOString().slice(0, 10),
    userId: clinicianUserId,
    queryId: await queryOn(sql, row.patient_id, row.visit_id),
  };
}

/** A visit's content hash now, as the patient page gives it to the signing form. */
export async function visitHash(sql: Sql, visitId: string): Promise<string> {
  const [row] = await sql<{ hash: string }[]>`select md5((to_jsonb(v) - ${NOT_CONTENT_COLUMNS as unknown as string[]}::text[])::text) as hash from visit v where v.id = ${visitId}`;
  return row!.hash;
}

/**
 * The open query on the visit, else one written here, raised by the auditor: no raiser works at
 * EST (a fixture, not a step the app takes, so it has no audit entry).
 */
async function queryOn(sql: Sql, patientId: string, visitId: string): Promise<string> {
  const [found] = await sql<{ id: string }[]>`select id from data_query where record_id = ${visitId} and state = 'open' order by raised_at limit 1`;
  if (found) return found.id;
  const [auditor] = await sql<{ id: string }[]>`select id from "user" where email = ${USERS.auditor.email}`;
  const [made] = await sql<{ id: string }[]>`
    insert into data_query (patient_id, entity, record_id, field, question, raised_by)
    values (${patientId}, 'visit', ${visitId}, 'ckUL', 'Access check: CK as in the source?', ${auditor!.id}) returning id`;
  await sql`insert into data_query_step (query_id, step, actor_id, text) values (${made!.id}, 'raise', ${auditor!.id}, 'Access check: CK as in the source?')`;
  return made!.id;
}

/** Reads the fixtures and the records by site (after EST_FILES have been imported). */
export async function loadWorld(sql: Sql): Promise<World> {
  const siteIds = new Map<SiteCode, string>();
  for (const row of await sql<{ id: string; code: string }[]>`select id, code from site`) siteIds.set(row.code as SiteCode, row.id);
  const clinicianUserId = (await sql<{ id: string }[]>`select id from "user" where email = ${USERS.clinician.email}`)[0]!.id;
  const fixtures = {} as Record<SiteCode, Rec>;
  for (const site of SITES) fixtures[site] = await loadRec(sql, site, clinicianUserId);
  const otherNordPatientId = (
    await sql<{ id: string }[]>`
      select p.id from patient p join site s on s.id = p.site_id
      where s.code = 'NORD' and p.id <> ${fixtures.NORD.patientId} and p.voided_at is null order by p.code limit 1`
  )[0]!.id;

  const recordsBySite = new Map<string, Set<string>>();
  const rows = await sql<{ site: string; id: string; code: string | null }[]>`
    select s.code as site, p.id::text as id, p.code from patient p join site s on s.id = p.site_id
    union all select s.code, v.id::text, null from visit v join patient p on p.id = v.patient_id join site s on s.id = p.site_id
    union all select s.code, a.id::text, null from adverse_event a join patient p on p.id = a.patient_id join site s on s.id = p.site_id
    union all select s.code, r.id::text, null from relapse r join patient p on p.id = r.patient_id join site s on s.id = p.site_id
    union all select s.code, q.id::text, null from data_query q join patient p on p.id = q.patient_id join site s on s.id = p.site_id`;
  for (const r of rows) {
    const set = recordsBySite.get(r.site) ?? new Set<string>();
    set.add(r.id);
    if (r.code) set.add(r.code);
    recordsBySite.set(r.site, set);
  }
  return { fixtures, siteIds, otherNordPatientId, clinicianUserId, recordsBySite };
}
