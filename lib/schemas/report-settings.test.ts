import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_REPORT_SETTINGS } from '@/lib/cohort/windows';
import { reportSettingsSchema, settingsFormValues, storedReportSettings } from './report-settings';

const form = (changes: Record<string, unknown> = {}) => ({ ...settingsFormValues(DEFAULT_REPORT_SETTINGS, 3), reason: 'Unilateral MMT8 in this cohort', ...changes });

/** The message the schema puts on each field. */
function messages(values: Record<string, unknown>): Record<string, string> {
  const result = reportSettingsSchema.safeParse(values);
  assert.equal(result.success, false, 'refused');
  return Object.fromEntries(result.error!.issues.map((i) => [String(i.path[0]), i.message]));
}

describe('report settings form', () => {
  test('the defaults, as the form shows them, read back as the defaults', () => {
    const parsed = reportSettingsSchema.parse(form());
    assert.deepEqual(parsed, { reason: 'Unilateral MMT8 in this cohort', version: 3, settings: DEFAULT_REPORT_SETTINGS });
  });

  test('a unilateral MMT8, another test and a later final visit', () => {
    const { settings } = reportSettingsSchema.parse(form({ mmt8Max: '80', primaryTest: 'ttest', finalMinDay: '60', taperThreshold: '7,5' }));
    assert.equal(settings.mmt8Max, 80);
    assert.equal(settings.primaryTest, 'ttest');
    assert.equal(settings.finalMinDay, 60);
    assert.equal(settings.taperThreshold, 7.5);
  });

  test('overlapping windows are refused at the month-6 start', () => {
    assert.match(messages(form({ m6From: '120' })).m6From!, /within month 3's window \(to day 136\): windows must not overlap/);
  });

  test('month 3 after month 6 is refused at the month-6 target', () => {
    assert.match(messages(form({ m3From: '150', m3Target: '200', m3To: '250' })).m6Target!, /must come after month 3's \(day 200\)/);
  });

  test('a target outside its window is refused at the target', () => {
    assert.match(messages(form({ m3Target: '140' })).m3Target!, /after its window's end \(day 136\)/);
    assert.match(messages(form({ m6Target: '100' })).m6Target!, /before its window's start \(day 137\)/);
  });

  test('decimals of mean ± SD: 0 to 3, whole, refused at the field otherwise', () => {
    assert.equal(reportSettingsSchema.parse(form({ decimals: '2' })).settings.decimals, 2);
    assert.equal(reportSettingsSchema.parse(form({ decimals: '0' })).settings.decimals, 0);
    assert.match(messages(form({ decimals: '4' })).decimals!, /^Decimals of mean ± SD must be between 0 and 3/);
    assert.match(messages(form({ decimals: '-1' })).decimals!, /^Decimals of mean ± SD must be between 0 and 3/);
    assert.match(messages(form({ decimals: '1.5' })).decimals!, /^Decimals of mean ± SD must be a whole number/);
    assert.equal(messages(form({ decimals: '' })).decimals, 'Decimals of mean ± SD is required');
  });

  test('each number names its field; a reason is required', () => {
    const m = messages(form({ finalMinDay: '', aeWindowAfterStopDays: '400', responderDrop: 'five', mmt8Max: '100', reason: '' }));
    assert.equal(m.finalMinDay, 'Final follow-up from day is required');
    assert.match(m.aeWindowAfterStopDays!, /between 0 and 365/);
    assert.match(m.responderDrop!, /must be a number/);
    assert.match(m.mmt8Max!, /MMT8 scale must be one of 150, 80/);
    assert.ok(m.reason);
  });
});

describe('stored report settings', () => {
  test('none stored: the defaults', () => {
    assert.equal(storedReportSettings(null), DEFAULT_REPORT_SETTINGS);
  });

  test('what was saved reads back the same', () => {
    const { settings } = reportSettingsSchema.parse(form({ mmt8Max: '80', m3Target: '84', responderDrop: '4' }));
    assert.deepEqual(storedReportSettings(JSON.parse(JSON.stringify(settings))), settings);
  });

  test('a record stored before decimals existed reads with the default, one', () => {
    const { decimals: _decimals, ...older } = { ...DEFAULT_REPORT_SETTINGS, mmt8Max: 80 };
    assert.deepEqual(storedReportSettings(older), { ...DEFAULT_REPORT_SETTINGS, mmt8Max: 80, decimals: 1 });
  });

  test('a stored record that breaks the rules is an error, never the defaults in disguise', () => {
    const broken = { ...DEFAULT_REPORT_SETTINGS, windows: { m3: { target: 91, from: 46, to: 200 }, m6: DEFAULT_REPORT_SETTINGS.windows.m6 } };
    assert.throws(() => storedReportSettings(broken));
    assert.throws(() => storedReportSettings({ windows: {} }));
    assert.throws(() => storedReportSettings({ ...DEFAULT_REPORT_SETTINGS, decimals: 5 }));
  });
});
