'use client';

import { CartesianGrid, ErrorBar, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';

export type TimePoint = 'baseline' | 'm3' | 'm6' | 'final';
export type Summary = { n: number; mean: number | null; sd: number | null };
export type PatientLine = { patient_code: string; values: Partial<Record<TimePoint, number | null>> };

const POINTS: { key: TimePoint; label: string }[] = [
  { key: 'baseline', label: 'Baseline' },
  { key: 'm3', label: 'Month 3' },
  { key: 'm6', label: 'Month 6' },
  { key: 'final', label: 'Final' },
];

/**
 * One measure over the report's time points: each patient's line, thin and grey, under the
 * cohort's mean ± SD.
 */
export function CohortTrajectoryChart({
  title,
  max,
  summary,
  patients,
}: {
  title: string;
  max: number;
  summary: Record<TimePoint, Summary>;
  patients: PatientLine[];
}) {
  const rows = POINTS.map((p, x) => {
    const row: Record<string, number | string | null | [number, number]> = { x, label: p.label };
    const s = summary[p.key];
    row.mean = s.mean;
    row.sd = s.sd ?? 0;
    for (const patient of patients) row[patient.patient_code] = patient.values[p.key] ?? null;
    return row;
  });
  return (
    <figure className="chart" aria-label={`${title}: mean ± SD and each patient's course`} style={{ margin: 0 }}>
      <figcaption style={{ fontWeight: 600, marginBottom: '0.3rem' }}>{title}</figcaption>
      <div style={{ width: '100%', height: 260 }}>
        <ResponsiveContainer>
          <LineChart data={rows} margin={{ top: 8, right: 16, bottom: 8, left: 0 }}>
            <CartesianGrid stroke="#e3e7ed" />
            <XAxis dataKey="x" type="number" domain={[-0.2, 3.2]} ticks={[0, 1, 2, 3]} tickFormatter={(x: number) => POINTS[x]?.label ?? ''} />
            <YAxis domain={[0, max]} />
            <Tooltip
              labelFormatter={(x) => POINTS[Number(x)]?.label ?? ''}
              formatter={(value, name) => [typeof value === 'number' ? Number(value.toFixed(1)) : '—', name === 'mean' ? 'Mean' : name]}
            />
            {patients.map((p) => (
              <Line
                key={p.patient_code}
                dataKey={p.patient_code}
                stroke="#9aa7b6"
                strokeWidth={1}
                dot={false}
                connectNulls
                isAnimationActive={false}
                legendType="none"
              />
            ))}
            <Line dataKey="mean" name="mean" stroke="#b4442f" strokeWidth={3} dot={{ r: 4 }} connectNulls isAnimationActive={false}>
              <ErrorBar dataKey="sd" width={8} strokeWidth={2} stroke="#b4442f" direction="y" />
            </Line>
          </LineChart>
        </ResponsiveContainer>
      </div>
    </figure>
  );
}
