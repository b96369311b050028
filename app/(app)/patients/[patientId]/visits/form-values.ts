import type { Visit } from '@/db/queries/visits';
import type { VisitEditFormValues } from '@/lib/schemas/visit';
import { str, yesNo } from '../../form-values';

export function visitFormValues(v: Visit): VisitEditFormValues {
  return {
    visitDate: v.visitDate,
    visitType: v.visitType,
    cdasiActivity: str(v.cdasiActivity),
    cdasiDamage: str(v.cdasiDamage),
    cdasiItems: v.cdasiItems,
    mmt8: str(v.mmt8),
    mmt8Items: v.mmt8Items,
    prednisoneMgDay: str(v.prednisoneMgDay),
    ivig: str(v.ivig),
    ivigDoseGKg: str(v.ivigDoseGKg),
    ivigIntervalWeeks: str(v.ivigIntervalWeeks),
    jakiDoseMgDay: str(v.jakiDoseMgDay),
    activeCutaneous: yesNo(v.activeCutaneous),
    activeMuscle: yesNo(v.activeMuscle),
    physicianGlobal: str(v.physicianGlobal),
    patientGlobal: str(v.patientGlobal),
    extramuscularGlobal: str(v.extramuscularGlobal),
    haq: str(v.haq),
    ckUL: str(v.ckUL),
    reason: '',
    version: v.version,
  };
}

/** A new visit: today, a baseline if there is none yet, the JAKi dose carried from the course. */
export function newVisitFormValues({ today, hasBaseline, jakiDoseMgDay }: { today: string; hasBaseline: boolean; jakiDoseMgDay: number }): VisitEditFormValues {
  return {
    visitDate: today,
    visitType: hasBaseline ? 'follow_up' : 'baseline',
    cdasiActivity: '',
    cdasiDamage: '',
    cdasiItems: null,
    mmt8: '',
    mmt8Items: null,
    prednisoneMgDay: '',
    ivig: '',
    ivigDoseGKg: '',
    ivigIntervalWeeks: '',
    jakiDoseMgDay: str(jakiDoseMgDay),
    activeCutaneous: '',
    activeMuscle: '',
    physicianGlobal: '',
    patientGlobal: '',
    extramuscularGlobal: '',
    haq: '',
    ckUL: '',
    reason: '',
    version: 1,
  };
}
