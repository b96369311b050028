'use client';

import { CohortTrajectoryChart, type PatientLine, type Summary, type TimePoint } from '@/components/charts/CohortTrajectoryChart';
import { MAX_PATIENT_LINES } from '@/lib/documents/report-labels';
import { visitField } from '@/lib/visits/fields';

export type FigureData = {
  cdasi: Record<TimePoint, Summary>;
  mmt8: Record<TimePoint, Summary>;
  /** Each patient's values, or null when the cohort is too large to draw a line each. */
  patients: { code: string; cdasi: Partial<Record<TimePoint, number | null>>; mmt8: Partial<Record<TimePoint, number | null>> }[] | null;
};

export function ReportFigures({ data }: { data: FigureData }) {
  const lines = (key: 'cdasi' | 'mmt8'): PatientLine[] =>
    (data.patients ?? []).map((p) => ({ patient_code: p.code, values: p[key] }));
  return (
    <section className="panel" aria-labelledby="figure">
      <h2 id="figure">Figure</h2>
      <div style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(min(420px, 100%), 1fr))', gap: '1rem' }}>
        <CohortTrajectoryChart title="CDASI activity" max={visitField('cdasiActivity').max} summary={data.cdasi} patients={lines('cdasi')} />
        <CohortTrajectoryChart title="MMT8" max={visitField('mmt8').max} summary={data.mmt8} patients={lines('mmt8')} />
      </div>
      <p className="muted" style={{ fontSize: '0.8rem' }}>
        Red: mean ± SD.{' '}
        {data.patients ? 'Grey: each patient at baseline, month 3, month 6 and final follow-up.' : `Individual lines are drawn for cohorts of up to ${MAX_PATIENT_LINES} patients.`}
      </p>
    </section>
  );
}
