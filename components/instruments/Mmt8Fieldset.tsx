'use client';

import type { ReactNode } from 'react';
import { useWatch } from 'react-hook-form';
import { InstrumentFieldset, total, type VisitFormApi } from './InstrumentFieldset';
import { Mmt8Calculator } from './Mmt8Calculator';

const APPLY = { shouldDirty: true } as const;

/** The visit form's MMT8: the total, typed or from the calculator's grades. */
export function Mmt8Fieldset({ form, note, children }: { form: VisitFormApi; note?: (name: 'cdasiActivity' | 'cdasiDamage' | 'mmt8') => string | null; children?: ReactNode }) {
  const items = useWatch({ control: form.control, name: 'mmt8Items' });
  return (
    <InstrumentFieldset
      form={form}
      legend="Muscle: MMT8"
      instrument="MMT8"
      itemsName="mmt8Items"
      totals={[total('mmt8')]}
      note={note}
      calculator={({ typed, close, cancel, changed }) => (
        <Mmt8Calculator
          initial={items ?? null}
          typed={typed.mmt8}
          onCancel={cancel}
          onChanged={changed}
          onApply={(next, total) => {
            form.setValue('mmt8Items', next, APPLY);
            form.setValue('mmt8', String(total), APPLY);
            form.clearErrors(['mmt8Items', 'mmt8']);
            close(`MMT8 total ${total} taken from the calculator.`);
          }}
        />
      )}
    >
      {children}
    </InstrumentFieldset>
  );
}
