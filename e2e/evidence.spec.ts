import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import { strFromU8, unzipSync } from 'fflate';
import { expect, test } from './fixtures';
import { createPatient, uniqueCode } from './helpers';

// Evidence for an inspection (docs/evidence.md): an auditor downloads a period of the audit
// trail from the audit page, and a patient's casebook from the patient page; both read back.

const today = () => new Date().toISOString().slice(0, 10);

test('an auditor downloads the evidence of a period from the audit page; a bad period is named at its field', async ({ pageAs }, testInfo) => {
  test.setTimeout(120_000);
  const page = await pageAs('auditor');
  await page.setViewportSize({ width: 1366, height: 900 });
  await page.goto('/audit');
  await page.getByRole('link', { name: 'Evidence for an inspection' }).click();
  const form = page.getByRole('form', { name: 'Evidence for an inspection' });
  await expect(form.getByLabel('From')).toBeEnabled();

  await form.getByLabel('From').fill('2026-02-30');
  await form.getByRole('button', { name: 'Download evidence (zip)' }).click();
  await expect(form.getByText('From must be a date (YYYY-MM-DD)')).toBeVisible();
  await expect(form.getByText('To is required')).toBeVisible();
  await form.getByLabel('From').fill('2026-03-02');
  await form.getByLabel('To').fill('2026-03-01');
  await form.getByRole('button', { name: 'Download evidence (zip)' }).click();
  await expect(form.getByText('To must be on or after From')).toBeVisible();
  await expect(form.getByLabel('To')).toHaveAttribute('aria-invalid', 'true');
  await form.screenshot({ path: testInfo.outputPath('evidence-form-1366.png') });
  const axe = await new AxeBuilder({ page }).include('form[aria-labelledby="evidence-title"]').analyze();
  expect(axe.violations.map((v) => v.id)).toEqual([]);
  await page.setViewportSize({ width: 390, height: 844 });
  await form.screenshot({ path: testInfo.outputPath('evidence-form-390.png') });
  await page.setViewportSize({ width: 1366, height: 900 });

  // Typed as digits, rewritten as dates.
  await form.getByLabel('From').fill('20000101');
  await form.getByLabel('To').fill(today());
  const download = page.waitForEvent('download');
  await form.getByRole('button', { name: 'Download evidence (zip)' }).click();
  const zip = await download;
  const name = `audit-trail_2000-01-01_${today()}`;
  expect(zip.suggestedFilename()).toBe(`${name}.zip`);
  await expect(form.getByRole('status')).toHaveText(`Downloaded ${name}.zip.`);

  const files = unzipSync(new Uint8Array(fs.readFileSync(await zip.path())));
  expect(Object.keys(files).sort()).toEqual([`${name}.csv`, `${name}.manifest.json`, `${name}.pdf`]);
  const manifest = JSON.parse(strFromU8(files[`${name}.manifest.json`]!));
  expect(manifest.chain.ok).toBe(true);
  expect(manifest.generatedBy).toBe('Marc Dubois (auditor@demo.test)');
  for (const f of manifest.files) expect(createHash('sha256').update(files[f.name]!).digest('hex')).toBe(f.sha256);
  const csv = strFromU8(files[`${name}.csv`]!);
  expect(csv.split('\n')[0]).toBe('seq,at,correlation_id,actor_id,actor_name,actor_email,via_token,action,entity,entity_id,record,reason,before,after,hash');
  // The export is itself in the trail, as the period's last entry.
  const lastRow = csv.trim().split('\n').at(-1)!;
  expect(lastRow).toContain(',export,audit_log,trail,audit trail,');
  expect(lastRow.endsWith(manifest.periodLastHash)).toBe(true);

  const pdfPath = testInfo.outputPath(`${name}.pdf`);
  fs.writeFileSync(pdfPath, files[`${name}.pdf`]!);
  const text = execFileSync('pdftotext', ['-layout', pdfPath, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
  expect(text).toContain(`Audit trail, 2000-01-01 to ${today()}`);
  expect(text).toMatch(/Intact: all \d+ entries of the trail checked/);
  expect(text).toContain(manifest.chain.lastHash);
  expect(text).toContain('by Marc Dubois (auditor@demo.test)');
  expect(text).toMatch(/Page 1 of \d+/);
});

test("a patient's casebook PDF from the patient page; a clinician of another site cannot get it", async ({ pageAs }, testInfo) => {
  test.setTimeout(120_000);
  const clinician = await pageAs('clinician');
  const code = uniqueCode('CBK');
  const patientUrl = await createPatient(clinician, code);
  await clinician.goto(`${patientUrl}/visits/new`);
  await clinician.getByLabel('Visit date').fill('2025-01-20');
  await clinician.getByLabel('CDASI activity', { exact: true }).fill('22');
  await clinician.getByRole('button', { name: 'Save visit' }).click();
  await expect(clinician).toHaveURL((url) => url.pathname === new URL(patientUrl).pathname);

  const auditor = await pageAs('auditor');
  await auditor.goto(patientUrl);
  const download = auditor.waitForEvent('download');
  await auditor.getByRole('link', { name: 'Casebook PDF' }).click();
  const pdf = await download;
  expect(pdf.suggestedFilename()).toBe(`casebook-${code}.pdf`);
  const pdfPath = testInfo.outputPath(`casebook-${code}.pdf`);
  await pdf.saveAs(pdfPath);
  const text = execFileSync('pdftotext', ['-layout', pdfPath, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
  expect(text).toContain(`Casebook of patient ${code}`);
  expect(text).toMatch(new RegExp(`Casebook ${code} · generated \\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2} UTC by Marc Dubois \\(auditor@demo\\.test\\)`));
  expect(text).toContain('Visit 2025-01-20 · Baseline');
  expect(text).toContain('CDASI activity 22');
  expect(text).toContain('Source verification: not verified');
  expect(text).toContain('Claire Martin Created');
  expect(text).toMatch(/Page 1 of \d+/);

  // The download is in the trail, as an export of the patient.
  await auditor.goto(`/audit?patient=${code}&action=export`);
  await expect(auditor.getByRole('row').filter({ hasText: `${code} · patient` }).filter({ hasText: 'Exported' })).toHaveCount(1);

  const other = await pageAs('clinicianSud');
  expect((await other.request.get(`/api/v1/patients/${new URL(patientUrl).pathname.split('/')[2]}/casebook`)).status()).toBe(404);
  await other.goto(patientUrl);
  await expect(other.getByRole('link', { name: 'Casebook PDF' })).toHaveCount(0);
});
