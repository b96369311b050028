'use client';

import type { ReactNode } from 'react';
import { useWatch } from 'react-hook-form';
import { CdasiCalculator } from './CdasiCalculator';
import { InstrumentFieldset, total, type VisitFormApi } from './InstrumentFieldset';

const APPLY = { shouldDirty: true } as const;

/** The visit form's CDASI: activity and damage totals, typed or from the calculator's items. */
export function CdasiFieldset({ form, note, children }: { form: VisitFormApi; note?: (name: 'cdasiActivity' | 'cdasiDamage' | 'mmt8') => string | null; children?: ReactNode }) {
  const items = useWatch({ control: form.control, name: 'cdasiItems' });
  return (
    <InstrumentFieldset
      form={form}
      legend="Skin: CDASI"
      instrument="CDASI"
      itemsName="cdasiItems"
      totals={[total('cdasiActivity'), total('cdasiDamage')]}
      note={note}
      calculator={({ typed, close, cancel, changed }) => (
        <CdasiCalculator
          initial={items ?? null}
          typed={{ activity: typed.cdasiActivity, damage: typed.cdasiDamage }}
          onCancel={cancel}
          onChanged={changed}
          onApply={(next, { activity, damage }) => {
            form.setValue('cdasiItems', next, APPLY);
            form.setValue('cdasiActivity', String(activity), APPLY);
            form.setValue('cdasiDamage', String(damage), APPLY);
            form.clearErrors(['cdasiItems', 'cdasiActivity', 'cdasiDamage']);
            close(`CDASI activity ${activity} and damage ${damage} taken from the calculator.`);
          }}
        />
      )}
    >
      {children}
    </InstrumentFieldset>
  );
}
