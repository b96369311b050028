import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { emptyMeasures, visitField } from './fields';
import { cellText, latestJakiDose, measureText, previousText, previousVisit, signed } from './format';

const visit = (values: Partial<ReturnType<typeof emptyMeasures>>) => ({ ...emptyMeasures(), ...values });

describe('a visit measure as text', () => {
  test('numbers as recorded, codes as words, yes/no, a dash when not recorded', () => {
    assert.equal(measureText(visitField('mmt8'), visit({ mmt8: 118 })), '118');
    assert.equal(measureText(visitField('ivig'), visit({ ivig: 'ongoing' })), 'Ongoing');
    assert.equal(measureText(visitField('activeMuscle'), visit({ activeMuscle: false })), 'no');
    assert.equal(measureText(visitField('haq'), visit({})), '—');
  });

  test('a cell shows what goes with its measure in brackets', () => {
    assert.equal(cellText(visitField('prednisoneMgDay'), visit({ prednisoneMgDay: 12.5, steroidDrug: 'methylprednisolone', steroidMgDay: 10 })), '12.5 (methylprednisolone 10 mg/day)');
    assert.equal(cellText(visitField('prednisoneMgDay'), visit({ prednisoneMgDay: 7.5 })), '7.5');
    assert.equal(cellText(visitField('ivig'), visit({ ivig: 'ongoing', ivigDoseGKg: 2, ivigIntervalWeeks: 4 })), 'Ongoing (2 g/kg every 4 weeks)');
    assert.equal(cellText(visitField('ivig'), visit({ ivig: 'ongoing' })), 'Ongoing');
    assert.equal(cellText(visitField('ldhUL'), visit({ ldhUL: 480, ldhUln: 250 })), '480 (ULN 250)');
  });
});

describe('beside the visit form', () => {
  const visits = [
    { id: 'a', visitDate: '2024-01-05' },
    { id: 'b', visitDate: '2024-04-10' },
    { id: 'c', visitDate: '2024-07-10' },
  ];
  test('the previous visit is the latest before the date, never the visit itself', () => {
    assert.equal(previousVisit(visits, '2024-06-01')?.id, 'b');
    assert.equal(previousVisit(visits, '2024-07-10', 'c')?.id, 'b');
    assert.equal(previousVisit(visits, '2024-01-05'), null);
  });

  test('a previous glucocorticoid dose names its drug, and the equivalent where it came from', () => {
    const before = visit({ prednisoneMgDay: 20, steroidDrug: 'methylprednisolone', steroidMgDay: 16 });
    assert.equal(previousText(visitField('steroidMgDay'), before), '16 mg/day methylprednisolone');
    assert.equal(previousText(visitField('prednisoneMgDay'), before), '20 (methylprednisolone 16 mg/day)');
    assert.equal(previousText(visitField('steroidMgDay'), visit({ prednisoneMgDay: 7.5 })), '—');
    assert.equal(previousText(visitField('ldhUL'), visit({ ldhUL: 480, ldhUln: 250 })), '480 (ULN 250)');
    assert.equal(previousText(visitField('cdasiActivity'), visit({ cdasiActivity: 12 })), '12');
  });

  test('the JAK-inhibitor dose now is the latest visit that records one', () => {
    const doses = [
      { visitDate: '2024-01-05', jakiDoseMgDay: 4 },
      { visitDate: '2024-04-10', jakiDoseMgDay: 2 },
      { visitDate: '2024-07-10', jakiDoseMgDay: null },
    ];
    assert.deepEqual(latestJakiDose(doses), { dose: 2, date: '2024-04-10' });
    assert.equal(latestJakiDose(doses.slice(2)), null);
  });

  test('a change from baseline carries its sign', () => {
    assert.deepEqual([signed(4), signed(-12), signed(0), signed(0.1 + 0.2)], ['+4', '−12', '0', '+0.3']);
  });
});
