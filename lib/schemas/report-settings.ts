import { z } from 'zod';
import { DEFAULT_REPORT_SETTINGS, type PrimaryTest, type ReportSettings } from '@/lib/cohort/windows';
import { MMT8_MAX } from '@/lib/instruments/mmt8';
import { NOT_A_FORM, changeReason, requiredCode, requiredNumber, version } from './fields';

// One schema for a cohort's report settings, in the browser and in the server action; the
// same rules read the settings stored with the cohort (db/queries/cohort-settings.ts).

export const MMT8_SCALES = [String(MMT8_MAX), '80'] as const;
export const PRIMARY_TESTS = ['wilcoxon', 'ttest'] as const satisfies readonly PrimaryTest[];
/** Decimals a mean ± SD can be printed with: 0 to MAX_DECIMALS. */
export const MAX_DECIMALS = 3;

const day = (label: string) => requiredNumber(label, { min: 0, max: 1000, integer: true });

const fields = z.object(
  {
    m3From: day('Month 3 window start'),
    m3Target: day('Month 3 target day'),
    m3To: day('Month 3 window end'),
    m6From: day('Month 6 window start'),
    m6Target: day('Month 6 target day'),
    m6To: day('Month 6 window end'),
    finalMinDay: requiredNumber('Final follow-up from day', { min: 1, max: 1000, integer: true }),
    aeWindowAfterStopDays: requiredNumber('Adverse-event window after the stop', { min: 0, max: 365, integer: true }),
    taperThreshold: requiredNumber('Taper threshold', { min: 0, max: 100 }),
    responderDrop: requiredNumber('Responder drop', { min: 1, max: 100 }),
    mmt8Max: requiredCode('MMT8 scale', MMT8_SCALES),
    primaryTest: requiredCode('Primary test', PRIMARY_TESTS),
    decimals: requiredNumber('Decimals of mean ± SD', { min: 0, max: MAX_DECIMALS, integer: true }),
  },
  { error: NOT_A_FORM },
);

type Fields = z.output<typeof fields>;

/** The rules between the settings, each message at the field to change. */
function checkOrder(s: Fields, ctx: z.RefinementCtx) {
  const issue = (path: keyof Fields, message: string) => ctx.addIssue({ code: 'custom', path: [path], message });
  for (const [point, name] of [['m3', 'Month 3'], ['m6', 'Month 6']] as const) {
    const from = s[`${point}From`];
    const target = s[`${point}Target`];
    const to = s[`${point}To`];
    if (target < from) issue(`${point}Target`, `${name} target day ${target} is before its window's start (day ${from})`);
    else if (target > to) issue(`${point}Target`, `${name} target day ${target} is after its window's end (day ${to})`);
  }
  if (s.m6Target <= s.m3Target) issue('m6Target', `Month 6 target day ${s.m6Target} must come after month 3's (day ${s.m3Target})`);
  else if (s.m6From <= s.m3To) issue('m6From', `Month 6 window starts on day ${s.m6From}, within month 3's window (to day ${s.m3To}): windows must not overlap`);
}

function toSettings(s: Fields): ReportSettings {
  return {
    windows: { m3: { target: s.m3Target, from: s.m3From, to: s.m3To }, m6: { target: s.m6Target, from: s.m6From, to: s.m6To } },
    responderDrop: s.responderDrop,
    taperThreshold: s.taperThreshold,
    mmt8Max: Number(s.mmt8Max),
    finalMinDay: s.finalMinDay,
    aeWindowAfterStopDays: s.aeWindowAfterStopDays,
    primaryTest: s.primaryTest,
    decimals: s.decimals,
  };
}

/** The settings a form or a stored record gives, checked together. */
export const reportSettingsFields = fields.superRefine(checkOrder).transform(toSettings);

export const reportSettingsSchema = fields
  .extend({ reason: changeReason, version })
  .superRefine(checkOrder)
  .transform(({ reason, version, ...s }) => ({ reason, version, settings: toSettings(s) }));

export type ReportSettingsFormValues = z.input<typeof reportSettingsSchema>;

/**
 * The settings field by field, as the schema reads them. Read with `?.`, because a stored
 * record may lack a part: the schema then names the field rather than the code failing on it.
 */
function fieldValues(s: ReportSettings) {
  return {
    m3From: s.windows?.m3?.from,
    m3Target: s.windows?.m3?.target,
    m3To: s.windows?.m3?.to,
    m6From: s.windows?.m6?.from,
    m6Target: s.windows?.m6?.target,
    m6To: s.windows?.m6?.to,
    finalMinDay: s.finalMinDay,
    aeWindowAfterStopDays: s.aeWindowAfterStopDays,
    taperThreshold: s.taperThreshold,
    responderDrop: s.responderDrop,
    mmt8Max: String(s.mmt8Max),
    primaryTest: s.primaryTest,
    // Settings saved before `decimals` existed print as they always did.
    decimals: s.decimals ?? DEFAULT_REPORT_SETTINGS.decimals,
  };
}

/** A form's values for the settings (as text, as inputs hold them). */
export function settingsFormValues(s: ReportSettings, recordVersion: number): ReportSettingsFormValues {
  const values = Object.fromEntries(Object.entries(fieldValues(s)).map(([key, value]) => [key, String(value)]));
  return { ...(values as z.input<typeof fields>), reason: '', version: recordVersion };
}

/**
 * The settings stored with a cohort: null (never changed) gives the defaults. What is stored
 * was checked when it was saved; a record that no longer passes the rules is an error, not a
 * silent fall back to the defaults, so a report never uses settings other than it says.
 */
export function storedReportSettings(stored: unknown): ReportSettings {
  if (stored === null || stored === undefined) return DEFAULT_REPORT_SETTINGS;
  return reportSettingsFields.parse(fieldValues(stored as ReportSettings));
}
