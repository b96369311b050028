import type { AdverseEvent } from '@/db/queries/adverse-events';
import type { AdverseEventEditFormValues, AdverseEventFormValues } from '@/lib/schemas/adverse-event';
import { str } from '../../form-values';

export function newAdverseEventValues(today: string): AdverseEventFormValues {
  return {
    term: '',
    category: '',
    onsetDate: today,
    endDate: '',
    ongoing: true,
    ctcaeGrade: '',
    seriousDeath: false,
    seriousLifeThreatening: false,
    seriousHospitalisation: false,
    seriousDisability: false,
    seriousCongenitalAnomaly: false,
    seriousOtherImportant: false,
    related: '',
    action: '',
    outcome: '',
    deathDate: '',
    stopJakiAtDeath: true,
  };
}

export function adverseEventValues(e: AdverseEvent): AdverseEventEditFormValues {
  return {
    term: e.term,
    category: e.category,
    onsetDate: e.onsetDate,
    endDate: str(e.endDate),
    ongoing: e.ongoing,
    ctcaeGrade: String(e.ctcaeGrade),
    seriousDeath: e.seriousDeath,
    seriousLifeThreatening: e.seriousLifeThreatening,
    seriousHospitalisation: e.seriousHospitalisation,
    seriousDisability: e.seriousDisability,
    seriousCongenitalAnomaly: e.seriousCongenitalAnomaly,
    seriousOtherImportant: e.seriousOtherImportant,
    related: str(e.related),
    action: str(e.action),
    outcome: str(e.outcome),
    deathDate: '',
    stopJakiAtDeath: true,
    reason: '',
    version: e.version,
  };
}
