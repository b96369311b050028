import path from 'node:path';
import fs from 'node:fs';
import os from 'node:os';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';

// The import in the browser, as a coordinator and an admin meet the second contract: a
// misspelt column is refused by name and nothing is written; an admin's import that brings a
// new site offers to give users access to it in one step.

function folderWith(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'e2e-import-'));
  for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), text);
  return dir;
}

const PATIENTS = (code: string, site: string, cohort: string) =>
  'patient_code,site,cohort,sex,birth_year,diagnosis_date,dm_subtype,antibodies,previous_treatments,ild,jaki_drug,jaki_dose_mg_day,jaki_start_date,follow_up_end_date\n' +
  `${code},${site},${cohort},F,1970,2020-02-01,classic,tif1g,methotrexate,no,baricitinib,4,2024-01-15,2024-12-31\n`;

/**
 * An upload of one patient whose visits.csv misspells cdasi_activity, refused: the patient's
 * code, the files' folder and the refusal.
 */
async function misspeltUpload(page: Page, prefix: string) {
  const code = `${prefix}-${Date.now().toString(36).toUpperCase()}`;
  const dir = folderWith({
    'patients.csv': PATIENTS(code, 'NORD', 'DEMO-JAKI'),
    'visits.csv': `patient_code,visit_date,visit_type,cdasi_activty,mmt8\n${code},2024-01-10,baseline,27,120\n`,
  });
  await page.goto('/import');
  await page.getByLabel('patients.csv').setInputFiles(path.join(dir, 'patients.csv'));
  await page.getByLabel('visits.csv').setInputFiles(path.join(dir, 'visits.csv'));
  await page.getByRole('button', { name: 'Import' }).click();
  const alert = page.getByRole('alert').filter({ hasText: 'Nothing was imported' });
  await expect(alert).toContainText('Nothing was imported: 1 problem.');
  return { code, dir, alert };
}

test('a misspelt header is refused by name, with the column it most likely means, and nothing is imported', async ({ pageAs }) => {
  const page = await pageAs('coordinator');
  const { code, alert } = await misspeltUpload(page, 'MIS');
  await expect(alert).toContainText('visits.csv:1: cdasi_activty: "cdasi_activty" (column 4) is not a column of visits.csv: did you mean cdasi_activity?');
  await expect(alert).toBeFocused();
  await page.goto(`/patients?q=${code}`);
  await expect(page.getByText('No patients found.')).toBeVisible();
});

test('after a refusal the files stay chosen: the corrected one is chosen again, one saved since it was chosen is named, and the import goes through', async ({ pageAs }) => {
  const page = await pageAs('coordinator');
  const { code, dir, alert } = await misspeltUpload(page, 'RTY');
  const chosen = (label: string) => page.getByLabel(label).evaluate((input: HTMLInputElement) => [...(input.files ?? [])].map((f) => f.name));
  expect(await chosen('patients.csv')).toEqual(['patients.csv']);
  expect(await chosen('visits.csv')).toEqual(['visits.csv']);

  // The coordinator corrects visits.csv and, forgetting to choose it again, imports.
  const visits = path.join(dir, 'visits.csv');
  fs.writeFileSync(visits, `patient_code,visit_date,visit_type,cdasi_activity,mmt8\n${code},2024-01-10,baseline,27,120\n`);
  fs.utimesSync(visits, new Date(), new Date(Date.now() + 5000));
  await page.getByRole('button', { name: 'Import' }).click();
  await expect(alert).toContainText('visits.csv:1: file: the file has changed since it was chosen: choose it again');
  expect(await chosen('visits.csv')).toEqual([]);
  expect(await chosen('patients.csv')).toEqual(['patients.csv']);

  await page.getByLabel('visits.csv').setInputFiles(visits);
  await page.getByRole('button', { name: 'Import' }).click();
  await expect(page.getByRole('status')).toContainText('Imported 1 patient, 1 visit, 0 adverse events, 0 relapses.');
  expect(await chosen('patients.csv')).toEqual([]);
  await page.goto(`/patients?q=${code}`);
  await expect(page.getByRole('link', { name: code, exact: true })).toBeVisible();
});

test("an admin's import of a new site offers to give users access; the coordinator then sees its patients, ended, never overdue", async ({ pageAs }) => {
  const admin = await pageAs('admin');
  const stamp = Date.now().toString(36).toUpperCase();
  const site = `W${stamp.slice(-5)}`;
  const code = `WST-${stamp}`;
  const dir = folderWith({
    'patients.csv': PATIENTS(code, site, `RETRO-${stamp}`),
    'visits.csv': `patient_code,visit_date,visit_type,cdasi_activity\n${code},2024-01-10,baseline,27\n${code},2024-04-15,follow_up,12\n`,
    'relapses.csv': `patient_code,relapse_date,domain,action\n${code},2024-06-01,muscle,steroid_increase\n`,
  });
  await admin.goto('/import');
  await admin.getByLabel('patients.csv').setInputFiles(path.join(dir, 'patients.csv'));
  await admin.getByLabel('visits.csv').setInputFiles(path.join(dir, 'visits.csv'));
  await admin.getByLabel('relapses.csv').setInputFiles(path.join(dir, 'relapses.csv'));
  await admin.getByRole('button', { name: 'Import' }).click();
  await expect(admin.getByRole('status').first()).toContainText('Imported 1 patient, 2 visits, 0 adverse events, 1 relapse.');
  await expect(admin.getByRole('status').first()).toContainText(`New sites: ${site}.`);

  const grant = admin.getByRole('form', { name: `Give access to the new site ${site}` });
  await grant.getByRole('checkbox', { name: /Inès Petit/ }).check();
  await grant.getByRole('button', { name: `Give access to ${site}` }).click();
  await expect(grant.getByRole('status')).toHaveText(`1 user now sees site ${site}.`);

  const coordinator = await pageAs('coordinator');
  await coordinator.goto(`/patients?q=${code}`);
  const row = coordinator.getByRole('row', { name: new RegExp(code) });
  await expect(row).toContainText('Follow-up ended 2024-12-31');
  await expect(row).not.toContainText('overdue');
});

test('an import left before its answer is found among the latest imports; importing it again says it was imported; a long refusal lists 200 and downloads all', async ({ pageAs }) => {
  const page = await pageAs('coordinator');
  const stamp = Date.now().toString(36).toUpperCase();
  const codes = [1, 2, 3].map((i) => `AGN-${stamp}-${i}`);
  const rows = (make: (code: string) => string) => codes.map(make).join('');
  const header = PATIENTS('x', 'NORD', 'DEMO-JAKI').split('\n')[0]!;
  const dir = folderWith({
    'patients.csv': `${header}\n${rows((c) => PATIENTS(c, 'NORD', 'DEMO-JAKI').split('\n')[1] + '\n')}`,
    'visits.csv': `patient_code,visit_date,visit_type,cdasi_activity\n${codes[0]},2024-01-10,baseline,27\n`,
  });
  const upload = async (files: string[]) => {
    await page.goto('/import');
    for (const file of files) await page.getByLabel(file).setInputFiles(path.join(dir, file));
    await page.getByRole('button', { name: 'Import' }).click();
  };
  await upload(['patients.csv', 'visits.csv']);
  await expect(page.getByRole('status')).toContainText('Imported 3 patients, 1 visit, 0 adverse events, 0 relapses.');

  // Whether the answer was seen or not, the import is on the page afterwards.
  await page.goto('/patients');
  await page.goto('/import');
  const past = page.getByRole('region', { name: 'Your latest imports' });
  await expect(past.getByRole('row', { name: /DEMO-JAKI 3 patients, 1 visit, 0 adverse events, 0 relapses/ }).first()).toBeVisible();

  // The same files again: one line above the others says what happened.
  await upload(['patients.csv', 'visits.csv']);
  const alert = page.getByRole('alert').filter({ hasText: 'Nothing was imported' });
  await expect(alert.getByRole('listitem').first()).toHaveText('patients.csv:1: patient_code: all 3 patients of the file already exist: were these files imported already?');

  // 250 wrong rows: 200 listed, every one in the download.
  const wrong = Array.from({ length: 250 }, (_, i) => PATIENTS(`BAD-${stamp}-${i}`, 'NORD', 'DEMO-JAKI').split('\n')[1]!.replace(',F,1970,', ',F,19x0,')).join('\n');
  fs.writeFileSync(path.join(dir, 'patients.csv'), `${header}\n${wrong}\n`);
  await upload(['patients.csv']);
  await expect(alert).toContainText('Nothing was imported: 250 problems.');
  await expect(alert.getByRole('listitem')).toHaveCount(200);
  await expect(alert).toContainText('The first 200 are listed.');
  const download = page.waitForEvent('download');
  await alert.getByRole('button', { name: 'Download all 250 problems' }).click();
  const lines = fs.readFileSync(await (await download).path(), 'utf8').trim().split('\n');
  expect(lines).toHaveLength(250);
  expect(lines[249]).toMatch(/^patients\.csv:251: birth_year: /);
});
