import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { checkCsvBytes } from './decode';
import { formatProblem } from './problems';

describe('checkCsvBytes', () => {
  test('keeps UTF-8 bytes as they are, a byte-order mark included (the parser drops it)', () => {
    const bytes = Buffer.from('\ufeffpatient_code\nPSL-é\n', 'utf8');
    const checked = checkCsvBytes('patients.csv', bytes);
    assert.ok('bytes' in checked);
    assert.equal(checked.bytes, bytes);
  });

  test('refuses another encoding at the line of its first bad byte', () => {
    const latin1 = Buffer.concat([Buffer.from('patient_code,term\nPSL-1,ok\nPSL-2,'), Buffer.from([0xe9]), Buffer.from('ruption\n')]);
    const result = checkCsvBytes('adverse_events.csv', latin1);
    assert.ok('problem' in result);
    assert.equal(formatProblem(result.problem), 'adverse_events.csv:3: file: the file is not UTF-8 text (save it as "CSV UTF-8")');
  });
});
