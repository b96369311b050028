'use client';

import { useWatch } from 'react-hook-form';
import { InstrumentFieldset, type VisitFormApi } from './InstrumentFieldset';
import { Mmt8Calculator } from './Mmt8Calculator';

const APPLY = { shouldDirty: true } as const;

/** The visit form's MMT8: the total, typed or from the calculator's grades. */
export function Mmt8Fieldset({ form }: { form: VisitFormApi }) {
  const items = useWatch({ control: form.control, name: 'mmt8Items' });
  return (
    <InstrumentFieldset
      form={form}
      legend="Muscle: MMT8"
      instrument="MMT8"
      itemsName="mmt8Items"
      totals={[{ name: 'mmt8', label: 'MMT8 total', hint: '0–150, Kendall scale' }]}
      calculator={({ typed, close }) => (
        <Mmt8Calculator
          initial={items ?? null}
          typed={typed.mmt8}
          onCancel={() => close(null)}
          onApply={(next, total) => {
            form.setValue('mmt8Items', next, APPLY);
            form.setValue('mmt8', String(total), APPLY);
            form.clearErrors(['mmt8Items', 'mmt8']);
            close(`MMT8 total ${total} taken from the calculator.`);
          }}
        />
      )}
    />
  );
}
