import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { decodeCsvBytes } from './decode';
import { formatProblem } from './problems';

describe('decodeCsvBytes', () => {
  test('reads UTF-8, keeping a byte-order mark for the parser to drop', () => {
    const bytes = Buffer.from('\ufeffpatient_code\nPSL-é\n', 'utf8');
    assert.deepEqual(decodeCsvBytes('patients.csv', bytes), { text: '\ufeffpatient_code\nPSL-é\n' });
  });

  test('refuses another encoding at the line of its first bad byte', () => {
    const latin1 = Buffer.concat([Buffer.from('patient_code,term\nPSL-1,ok\nPSL-2,'), Buffer.from([0xe9]), Buffer.from('ruption\n')]);
    const result = decodeCsvBytes('adverse_events.csv', latin1);
    assert.ok('problem' in result);
    assert.equal(formatProblem(result.problem), 'adverse_events.csv:3: file: the file is not UTF-8 text (save it as "CSV UTF-8")');
  });
});
