'use client';

import { CohortTrajectoryChart, type PatientLine, type Summary, type TimePoint } from '@/components/charts/CohortTrajectoryChart';
import { visitField } from '@/lib/visits/fields';

export type FigureData = {
  cdasi: Record<TimePoint, Summary>;
  mmt8: Record<TimePoint, Summary>;
  /** Each drawn patient's values: all of them, or an even sample of a large cohort. */
  patients: { code: string; cdasi: Partial<Record<TimePoint, number | null>>; mmt8: Partial<Record<TimePoint, number | null>> }[];
  /** The patients of the report, of whom `patients` are drawn. */
  of: number;
  /** The top of the cohort's MMT8 scale (150, or 80 when scored on one side). */
  mmt8Max: number;
};

export function ReportFigures({ data }: { data: FigureData }) {
  const lines = (key: 'cdasi' | 'mmt8'): PatientLine[] =>
    data.patients.map((p) => ({ patient_code: p.code, values: p[key] }));
  return (
    <section className="panel" aria-labelledby="figure">
      <h2 id="figure">Figure</h2>
      <div style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(min(420px, 100%), 1fr))', gap: '1rem' }}>
        <CohortTrajectoryChart title="CDASI activity" max={visitField('cdasiActivity').max} summary={data.cdasi} patients={lines('cdasi')} />
        <CohortTrajectoryChart title="MMT8" max={data.mmt8Max} summary={data.mmt8} patients={lines('mmt8')} />
      </div>
      <p className="muted" style={{ fontSize: '0.8rem' }}>
        Red: mean ± SD.{' '}
        {data.patients.length < data.of
          ? `Grey: ${data.patients.length} of the ${data.of} patients (every ${Math.round(data.of / data.patients.length)}th in code order; the mean ± SD is over all), at baseline, month 3, month 6 and final follow-up.`
          : 'Grey: each patient at baseline, month 3, month 6 and final follow-up.'}
      </p>
    </section>
  );
}
