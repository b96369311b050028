import { count } from 'drizzle-orm';
import { addDays, todayIso } from '@/lib/dates';
import { patientSchema } from '@/lib/schemas/patient';
import { visitSchema } from '@/lib/schemas/visit';
import type { Db } from './client';
import { createPatient } from './queries/patients';
import { setInvestigatorSites } from './queries/investigators';
import { createUser } from './queries/users';
import { createVisit } from './queries/visits';
import { createAdverseEvent } from './queries/adverse-events';
import { createRelapse } from './queries/relapses';
import { adverseEventSchema } from '@/lib/schemas/adverse-event';
import { relapseSchema } from '@/lib/schemas/relapse';
import { cohorts, sites, user } from './schema';

// Made-up demo data: two sites, one user per role (and a clinician at the second site; each
// clinician is their site's investigator),
// and a cohort of 20 patients with visits, adverse events and relapses. It shows what the
// forms record: glucocorticoids other than prednisone, muscle enzymes with their limits of
// normal, a death with the JAK inhibitor stopped, a follow-up that ended, relapses. None of
// it is a real or published patient.

export const DEMO_PASSWORD = 'demo-password';
export const SEED_ACTOR = 'system:seed';

export const DEMO_USERS = [
  { name: 'Claire Martin', email: 'clinician@demo.test', role: 'clinician', sites: ['NORD'], investigator: true },
  { name: 'Hugo Bernard', email: 'clinician.sud@demo.test', role: 'clinician', sites: ['SUD'], investigator: true },
  { name: 'Inès Petit', email: 'coordinator@demo.test', role: 'coordinator', sites: ['NORD', 'SUD'], investigator: false },
  { name: 'Marc Dubois', email: 'auditor@demo.test', role: 'auditor', sites: ['NORD', 'SUD'], investigator: false },
  { name: 'Admin Demo', email: 'admin@demo.test', role: 'admin', sites: [], investigator: false },
] as const;

/** A small deterministic generator, so every demo database is the same. */
function prng(seed: number) {
  let s = seed;
  return () => {
    s = (s * 1664525 + 1013904223) % 4294967296;
    return s / 4294967296;
  };
}

const REGIMENS = [
  { drug: 'baricitinib', dose: 4 },
  { drug: 'baricitinib', dose: 2 },
  { drug: 'ruxolitinib', dose: 30 },
  { drug: 'ruxolitinib', dose: 20 },
  { drug: 'tofacitinib', dose: 10 },
  { drug: 'tofacitinib', dose: 11 },
] as const;
const ANTIBODY_CHOICES = [['tif1g'], ['mda5'], ['nxp2'], ['mi2'], ['sae'], ['none'], ['tif1g'], ['mda5']];
const FOLLOW_UP_DAYS = [91, 182, 365, 547, 730];

export async function isSeeded(db: Db): Promise<boolean> {
  const [row] = await db.select({ n: count() }).from(user);
  return (row?.n ?? 0) > 0;
}

export async function seedDemo(db: Db, { password = DEMO_PASSWORD }: { password?: string } = {}): Promise<void> {
  const siteRows = await db
    .insert(sites)
    .values([
      { code: 'NORD', name: 'Hôpital Nord (demo)' },
      { code: 'SUD', name: 'Clinique Sud (demo)' },
    ])
    .returning();
  const siteId = (code: string) => siteRows.find((s) => s.code === code)!.id;
  const [cohort] = await db.insert(cohorts).values({ code: 'DEMO-JAKI', name: 'Demo JAK-inhibitor cohort' }).returning();

  for (const u of DEMO_USERS) {
    const userId = await createUser(db, {
      actorId: SEED_ACTOR,
      input: { name: u.name, email: u.email, role: u.role, password, siteIds: u.sites.map(siteId) },
    });
    // The clinicians are their site's investigators: they sign visits and casebooks.
    if (u.investigator) await setInvestigatorSites(db, { actorId: SEED_ACTOR, userId, input: { siteIds: u.sites.map(siteId) } });
  }

  const rand = prng(20260101);
  const pick = <T,>(list: readonly T[]) => list[Math.floor(rand() * list.length)]!;
  const today = todayIso();
  const allSites = siteRows.map((s) => s.id);

  for (let i = 1; i <= 20; i++) {
    const site = i <= 12 ? 'NORD' : 'SUD';
    const regimen = pick(REGIMENS);
    const start = addDays('2023-03-01', Math.floor(rand() * 800));
    const stopped = i % 7 === 0;
    const died = i === 11;
    // Moved away: followed until day 400, when that day has come.
    const followUpEnd = i === 16 && addDays(start, 400) <= today ? addDays(start, 400) : '';
    const patient = patientSchema.parse({
      code: `${site === 'NORD' ? 'NRD' : 'SUD'}-${String(i).padStart(3, '0')}`,
      siteId: siteId(site),
      cohortId: cohort!.id,
      sex: rand() < 0.75 ? 'F' : 'M',
      birthYear: String(1950 + Math.floor(rand() * 45)),
      diagnosisDate: addDays(start, -Math.floor(300 + rand() * 2500)),
      dmSubtype: pick(['classic', 'classic', 'classic', 'amyopathic', 'hypomyopathic']),
      antibodies: pick(ANTIBODY_CHOICES),
      previousTreatments: ['hydroxychloroquine', 'methotrexate', ...(rand() < 0.5 ? ['ivig'] : []), ...(rand() < 0.4 ? ['mycophenolate'] : [])],
      ild: rand() < 0.25 ? 'yes' : 'no',
      jakiDrug: regimen.drug,
      jakiDoseMgDay: String(regimen.dose),
      jakiStartDate: start,
      jakiStopDate: stopped ? addDays(start, 240) : died ? addDays(start, 400) : '',
      jakiStopReason: stopped ? 'inefficacy' : died ? 'death' : '',
      deathDate: died ? addDays(start, 410) : '',
      deathCause: died ? 'Progressive interstitial lung disease' : '',
      followUpEndDate: followUpEnd,
    });
    const patientId = await createPatient(db, { actorId: SEED_ACTOR, siteIds: allSites, input: patient });

    const cdasi0 = 12 + Math.floor(rand() * 35);
    const mmt0 = 95 + Math.floor(rand() * 55);
    const pred0 = pick([5, 7.5, 10, 15, 20, 30]);
    const onIvig = patient.previousTreatments.includes('ivig');
    const lastDay = stopped ? 240 : died ? 400 : followUpEnd ? 400 : Infinity;
    // Some patients take another glucocorticoid; the form shows its prednisone equivalent.
    const steroid = i % 5 === 0 ? 'methylprednisolone' : i % 6 === 0 ? 'prednisolone' : null;
    // Every patient's CK has its limit of normal; some had aldolase or LDH measured too.
    const aldolase = i % 3 === 0;
    const ldh = i % 4 === 0;
    const days = [-Math.floor(rand() * 14), ...FOLLOW_UP_DAYS.map((d) => d + Math.floor(rand() * 21) - 10)];
    for (const [k, day] of days.entries()) {
      const date = addDays(start, day);
      if (date > today || day > lastDay) break;
      const fall = k === 0 ? 0 : Math.min(0.85, 0.35 + 0.12 * k + rand() * 0.15);
      const activity = Math.max(0, Math.round(cdasi0 * (1 - fall)));
      const mmt8 = Math.min(150, mmt0 + Math.round(k * rand() * 6));
      const ivig = !onIvig ? 'none' : k >= 2 && rand() < 0.7 ? 'stopped' : 'ongoing';
      const visit = visitSchema.parse({
        visitDate: date,
        visitType: k === 0 ? 'baseline' : 'follow_up',
        cdasiActivity: String(activity),
        cdasiDamage: String(2 + Math.floor(rand() * 6)),
        mmt8: String(mmt8),
        ...glucocorticoid(steroid, k === 0 ? pred0 : Math.max(0, pred0 - 2.5 * k * (1 + Math.floor(rand() * 2)))),
        ivig,
        ivigDoseGKg: ivig === 'ongoing' ? '2' : '',
        ivigIntervalWeeks: ivig === 'ongoing' ? '4' : '',
        jakiDoseMgDay: String(regimen.dose),
        activeCutaneous: activity > 5 ? 'yes' : 'no',
        activeMuscle: mmt8 < 136 ? 'yes' : 'no',
        physicianGlobal: String(Math.max(0, 6 - k * 1.5).toFixed(1)),
        patientGlobal: String(Math.max(0.5, 6.5 - k * 1.2).toFixed(1)),
        extramuscularGlobal: String(Math.max(0, 4 - k).toFixed(1)),
        haq: String(Math.max(0, 1.25 - k * 0.25).toFixed(2)),
        ckUL: String(Math.round(mmt8 < 130 ? 600 / (k + 1) : 120)),
        ckUln: '190',
        aldolaseUL: aldolase ? (mmt8 < 130 ? 14 / (k + 1) : 5.2).toFixed(1) : '',
        aldolaseUln: aldolase ? '7.6' : '',
        ldhUL: ldh ? String(Math.round(mmt8 < 130 ? 520 / (k + 1) : 210)) : '',
        ldhUln: ldh ? '250' : '',
      });
      await createVisit(db, { actorId: SEED_ACTOR, siteIds: allSites, patientId, input: visit });
    }
    const relapse = DEMO_RELAPSES[i];
    if (relapse && addDays(start, relapse.day) <= today) {
      const input = relapseSchema.parse({ relapseDate: addDays(start, relapse.day), domain: relapse.domain, action: relapse.action });
      await createRelapse(db, { actorId: SEED_ACTOR, siteIds: allSites, patientId, input });
    }
    const event = DEMO_EVENTS[i];
    if (event) {
      const { day, endDay, ...fields } = event;
      const input = adverseEventSchema.parse({ ...fields, onsetDate: addDays(start, day), endDate: endDay ? addDays(start, endDay) : '' });
      await createAdverseEvent(db, { actorId: SEED_ACTOR, siteIds: allSites, patientId, input });
    }
  }
}

// A few adverse events, by patient number, dated in days from the JAKi start.
type DemoEvent = { day: number; endDay?: number } & Record<string, string | number | boolean | undefined>;
const DEMO_EVENTS: Record<number, DemoEvent> = {
  2: { term: 'Herpes zoster, left T8', category: 'herpes_zoster', day: 120, endDay: 150, ctcaeGrade: '2', related: 'probable', action: 'interrupted', outcome: 'recovered' },
  5: { term: 'Pulmonary embolism', category: 'thromboembolic', day: 200, endDay: 260, ctcaeGrade: '3', seriousHospitalisation: true, related: 'possible', action: 'withdrawn', outcome: 'recovered' },
  9: { term: 'Febrile neutropenia', category: 'febrile_neutropenia', day: 60, endDay: 70, ctcaeGrade: '3', seriousHospitalisation: true, related: 'possible', action: 'interrupted', outcome: 'recovered' },
  14: { term: 'LDL cholesterol rise', category: 'lab_abnormality', day: 95, ctcaeGrade: '1', ongoing: true, related: 'probable', action: 'none', outcome: 'not_recovered' },
  17: { term: 'Upper respiratory tract infection', category: 'other', day: 40, endDay: 50, ctcaeGrade: '1', related: 'unlikely', action: 'none', outcome: 'recovered' },
};

/** The visit's glucocorticoid: prednisone as its equivalent, or another drug at the dose of that equivalent. */
function glucocorticoid(drug: 'methylprednisolone' | 'prednisolone' | null, equivalent: number) {
  if (!drug || equivalent === 0) return { prednisoneMgDay: String(equivalent) };
  return { steroidDrug: drug, steroidMgDay: String(drug === 'methylprednisolone' ? equivalent * 0.8 : equivalent) };
}

// Two relapses, as in the pilot, one at each site, by patient number, dated in days from the JAKi start.
const DEMO_RELAPSES: Record<number, { day: number; domain: string; action: string }> = {
  2: { day: 150, domain: 'muscle', action: 'steroid_increase' },
  14: { day: 200, domain: 'skin', action: 'jaki_dose_increase' },
};
