'use client';

import type { FieldErrors, UseFormRegister } from 'react-hook-form';
import { KENDALL_MAX, MMT8_AXIAL, MMT8_BILATERAL } from '@/lib/instruments/mmt8';
import type { VisitEditFormValues } from '@/lib/schemas/visit';
import { firstMessage } from './CdasiCalculator';

type Props = {
  register: UseFormRegister<VisitEditFormValues>;
  errors: FieldErrors<VisitEditFormValues>;
  total: number | null;
};

// Grades listed strongest first: most muscles are normal, so 10 is the default.
const GRADES = [...Array.from({ length: KENDALL_MAX + 1 }, (_, i) => String(KENDALL_MAX - i)), 'T'];
const asGrade = { setValueAs: (v: string | number) => (v === 'T' ? 'T' : Number(v)) } as const;

function GradeSelect(props: Record<string, unknown>) {
  return (
    <select {...props}>
      {GRADES.map((g) => (
        <option key={g} value={g}>
          {g === 'T' ? 'T (trace)' : g}
        </option>
      ))}
    </select>
  );
}

/** MMT8 on the Kendall 0–10 scale: neck flexors once, seven groups right and left. */
export function Mmt8Calculator({ register, errors, total }: Props) {
  return (
    <div className="calc" role="group" aria-label="MMT8 calculator">
      <div className="table-wrap" style={{ display: 'inline-block' }}>
        <table>
          <caption className="visually-hidden">Kendall grades per muscle group</caption>
          <thead>
            <tr>
              <th scope="col">Muscle group</th>
              <th scope="col">Right</th>
              <th scope="col">Left</th>
            </tr>
          </thead>
          <tbody>
            <tr>
              <th scope="row" style={{ background: 'none', color: 'inherit', fontWeight: 500 }}>
                {MMT8_AXIAL.label}
              </th>
              <td colSpan={2}>
                <GradeSelect aria-label={MMT8_AXIAL.label} {...register('mmt8Items.neckFlexors', asGrade)} />
              </td>
            </tr>
            {MMT8_BILATERAL.map((g) => (
              <tr key={g.key}>
                <th scope="row" style={{ background: 'none', color: 'inherit', fontWeight: 500 }}>
                  {g.label}
                </th>
                <td>
                  <GradeSelect aria-label={`${g.label} right`} {...register(`mmt8Items.right.${g.key}`, asGrade)} />
                </td>
                <td>
                  <GradeSelect aria-label={`${g.label} left`} {...register(`mmt8Items.left.${g.key}`, asGrade)} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="total" aria-live="polite">
        Calculated: {total ?? '—'} / 150 <span className="muted">(T, trace, counts 0)</span>
      </p>
      {errors.mmt8Items && (
        <p className="error" role="alert" style={{ color: 'var(--danger)' }}>
          {firstMessage(errors.mmt8Items) ?? 'Check the MMT8 grades'}
        </p>
      )}
    </div>
  );
}
