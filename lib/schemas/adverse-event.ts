import { z } from 'zod';
import { ENDED_OUTCOMES, eventProblems } from '@/lib/adverse-events/rules';
import { AE_ACTIONS, AE_CATEGORIES, AE_OUTCOMES, AE_RELATEDNESS, SERIOUSNESS_CRITERIA } from '@/lib/codes';
import { NOT_A_FORM, changeReason, checkText, optionalCode, optionalDate, requiredCode, requiredDate, requiredNumber, version } from './fields';

// One schema for the adverse-event form, in the browser and in the server action.
// Grade is severity (CTCAE v5); serious is the ICH E2A regulatory flag, derived from the six
// criteria, each kept.

export type SeriousnessKey = (typeof SERIOUSNESS_CRITERIA)[number]['key'];
export const SERIOUSNESS_KEYS = SERIOUSNESS_CRITERIA.map((c) => c.key) as SeriousnessKey[];
export type SeriousnessCriteria = Record<SeriousnessKey, boolean>;

/** Serious in the ICH E2A sense: at least one criterion met. */
export function isSerious(criteria: Partial<Record<SeriousnessKey, boolean | null | undefined>>): boolean {
  return SERIOUSNESS_KEYS.some((key) => criteria[key] === true);
}

function requiredText(label: string, max: number) {
  return z.union([z.string(), z.null(), z.undefined()], { error: `${label} must be text` }).transform((v, ctx): string => {
    if ((v ?? '').trim() === '') {
      ctx.addIssue({ code: 'custom', message: `${label} is required` });
      return z.NEVER;
    }
    return checkText(v!, label, max, ctx);
  });
}

/** A checkbox: a boolean, or what a form posts for it ('on', 'true', 'yes'; absent or '' when unticked). */
function checkbox(label: string) {
  return z.union([z.boolean(), z.string(), z.null(), z.undefined()], { error: `${label} must be ticked or not` }).transform((v, ctx): boolean => {
    if (typeof v === 'boolean') return v;
    if (v === undefined || v === null) return false;
    const s = v.trim().toLowerCase();
    if (s === '' || s === 'false' || s === 'no' || s === 'off') return false;
    if (s === 'on' || s === 'true' || s === 'yes') return true;
    ctx.addIssue({ code: 'custom', message: `${label} must be ticked or not` });
    return z.NEVER;
  }).default(false);
}

const label = (key: SeriousnessKey) => `Serious: ${SERIOUSNESS_CRITERIA.find((c) => c.key === key)!.label.toLowerCase()}`;

export const adverseEventFields = z.object({
  term: requiredText('Term', 200),
  category: requiredCode('Category', AE_CATEGORIES),
  onsetDate: requiredDate('Onset date'),
  endDate: optionalDate('End date'),
  ongoing: checkbox('Ongoing'),
  ctcaeGrade: requiredNumber('CTCAE grade', { min: 1, max: 5, integer: true }),
  seriousDeath: checkbox(label('seriousDeath')),
  seriousLifeThreatening: checkbox(label('seriousLifeThreatening')),
  seriousHospitalisation: checkbox(label('seriousHospitalisation')),
  seriousDisability: checkbox(label('seriousDisability')),
  seriousCongenitalAnomaly: checkbox(label('seriousCongenitalAnomaly')),
  seriousOtherImportant: checkbox(label('seriousOtherImportant')),
  related: optionalCode('Relatedness to the JAK inhibitor', AE_RELATEDNESS),
  action: optionalCode('Action with the JAK inhibitor', AE_ACTIONS),
  outcome: optionalCode('Outcome', AE_OUTCOMES),
  // The patient's death date, sent along with a grade 5 event when the patient has none yet,
  // and whether the JAK inhibitor stops that day (reason: death).
  deathDate: optionalDate('Death date'),
  stopJakiAtDeath: checkbox('Stop the JAK inhibitor on the death date'),
}, { error: NOT_A_FORM });

type AdverseEventValues = z.output<typeof adverseEventFields>;

function checkConsistency(v: AdverseEventValues, ctx: z.RefinementCtx) {
  const flagged = new Set<string>();
  const issue = (path: string, message: string) => {
    flagged.add(path);
    ctx.addIssue({ code: 'custom', path: [path], message });
  };
  // The form says "ongoing" in a box of its own (a CSV says it by an empty end date): its
  // messages about the end date come first, and the shared rules add what they do not say.
  if (v.ongoing && v.endDate) issue('endDate', 'An ongoing event has no end date: clear the end date or untick Ongoing');
  if (!v.ongoing && !v.endDate) issue('endDate', 'End date is required unless the event is ongoing');
  if (v.ongoing && v.outcome && ENDED_OUTCOMES.includes(v.outcome))
    issue('ongoing', `An ongoing event cannot have the outcome ${v.outcome === 'fatal' ? 'fatal' : 'recovered'}`);
  for (const p of eventProblems({ ...v, serious: isSerious(v), resultsInDeath: v.seriousDeath })) if (!flagged.has(p.field)) issue(p.field, p.message);
  if (v.deathDate && v.deathDate < v.onsetDate) issue('deathDate', 'Death date cannot be before the onset date');
}

export const adverseEventSchema = adverseEventFields.superRefine(checkConsistency);

export const adverseEventEditSchema = adverseEventFields
  .extend({ reason: changeReason, version })
  .superRefine(checkConsistency);

export const adverseEventReviewSchema = z.object({
  comment: requiredText('Review comment', 1000),
  version,
}, { error: NOT_A_FORM });

export type AdverseEventInput = z.output<typeof adverseEventSchema>;
export type AdverseEventFormValues = z.input<typeof adverseEventSchema>;
export type AdverseEventEditFormValues = z.input<typeof adverseEventEditSchema>;
export type AdverseEventReviewInput = z.output<typeof adverseEventReviewSchema>;
