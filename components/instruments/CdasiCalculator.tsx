'use client';

import type { FieldErrors, UseFormRegister } from 'react-hook-form';
import { CDASI_ITEM_MAX, CDASI_LOCATIONS } from '@/lib/instruments/cdasi';
import type { VisitEditFormValues } from '@/lib/schemas/visit';

type Props = {
  register: UseFormRegister<VisitEditFormValues>;
  errors: FieldErrors<VisitEditFormValues>;
  totals: { activity: number | null; damage: number | null };
};

const COLUMNS = [
  { item: 'erythema', title: 'Erythema', max: CDASI_ITEM_MAX.erythema },
  { item: 'scale', title: 'Scale', max: CDASI_ITEM_MAX.scale },
  { item: 'erosion', title: 'Erosion / ulcer', max: CDASI_ITEM_MAX.erosion },
  { item: 'poikiloderma', title: 'Poikiloderma', max: CDASI_ITEM_MAX.poikiloderma },
  { item: 'calcinosis', title: 'Calcinosis', max: CDASI_ITEM_MAX.calcinosis },
] as const;

const asNumber = { valueAsNumber: true } as const;

/** CDASI item by item: 15 locations, then the hand, nail and hair items. Totals update as you type. */
export function CdasiCalculator({ register, errors, totals }: Props) {
  const itemErrors = errors.cdasiItems;
  return (
    <div className="calc" role="group" aria-label="CDASI calculator">
      <div className="table-wrap" style={{ display: 'inline-block' }}>
        <table>
          <caption className="visually-hidden">CDASI scores per location</caption>
          <thead>
            <tr>
              <th scope="col">Location</th>
              {COLUMNS.map((c) => (
                <th key={c.item} scope="col" className="num">
                  {c.title} <span className="muted">0–{c.max}</span>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {CDASI_LOCATIONS.map((loc) => (
              <tr key={loc.key}>
                <th scope="row" style={{ background: 'none', color: 'inherit', fontWeight: 500 }}>
                  {loc.label}
                </th>
                {COLUMNS.map((c) => (
                  <td key={c.item} className="num">
                    <input
                      type="number"
                      inputMode="numeric"
                      min={0}
                      max={c.max}
                      step={1}
                      aria-label={`${loc.label} ${c.title.toLowerCase()}`}
                      {...register(`cdasiItems.locations.${loc.key}.${c.item}`, asNumber)}
                    />
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div className="grid" style={{ marginTop: '0.6rem' }}>
        <NumberItem label="Gottron's on the hands: erythema" max={CDASI_ITEM_MAX.gottronErythema}>
          {(props) => <input {...props} {...register('cdasiItems.gottronHands.erythema', asNumber)} />}
        </NumberItem>
        <div className="field">
          <span className="label">Gottron's papules present</span>
          <label style={{ fontWeight: 400 }}>
            <input type="checkbox" {...register('cdasiItems.gottronHands.papules')} /> Papules (doubles the erythema score)
          </label>
        </div>
        <NumberItem label="Gottron's on the hands: ulceration" max={CDASI_ITEM_MAX.gottronUlceration}>
          {(props) => <input {...props} {...register('cdasiItems.gottronHands.ulceration', asNumber)} />}
        </NumberItem>
        <NumberItem label="Gottron's on the hands: damage" max={CDASI_ITEM_MAX.gottronDamage} hint="1 dyspigmentation, 2 scarring">
          {(props) => <input {...props} {...register('cdasiItems.gottronHands.damage', asNumber)} />}
        </NumberItem>
        <NumberItem label="Periungual changes" max={CDASI_ITEM_MAX.periungual}>
          {(props) => <input {...props} {...register('cdasiItems.periungual', asNumber)} />}
        </NumberItem>
        <NumberItem label="Recent hair loss" max={CDASI_ITEM_MAX.hairLoss}>
          {(props) => <input {...props} {...register('cdasiItems.hairLoss', asNumber)} />}
        </NumberItem>
      </div>
      <p className="total" aria-live="polite">
        Calculated: activity {totals.activity ?? '—'} / 100, damage {totals.damage ?? '—'} / 32
      </p>
      {itemErrors && (
        <p className="error" role="alert" style={{ color: 'var(--danger)' }}>
          {firstMessage(itemErrors) ?? 'Check the calculator scores'}
        </p>
      )}
    </div>
  );
}

function NumberItem({
  label,
  max,
  hint,
  children,
}: {
  label: string;
  max: number;
  hint?: string;
  children: (props: Record<string, unknown>) => React.ReactNode;
}) {
  const id = `cdasi-${label.replace(/\W+/g, '-').toLowerCase()}`;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {children({ id, type: 'number', inputMode: 'numeric', min: 0, max, step: 1, style: { width: '4.5rem' } })}
      <span className="hint">
        0–{max}
        {hint ? ` · ${hint}` : ''}
      </span>
    </div>
  );
}

/** The first message in a nested error tree. */
export function firstMessage(error: unknown): string | undefined {
  if (!error || typeof error !== 'object') return undefined;
  const e = error as { message?: unknown };
  if (typeof e.message === 'string' && e.message) return e.message;
  for (const value of Object.values(error)) {
    const found = firstMessage(value);
    if (found) return found;
  }
  return undefined;
}
