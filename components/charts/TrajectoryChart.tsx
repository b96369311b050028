'use client';

import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { monthAxis } from '@/lib/cohort/month-axis';
import { visitField } from '@/lib/visits/fields';

export type TrajectoryPoint = { months: number; date: string; cdasiActivity: number | null; mmt8: number | null };

const CDASI = visitField('cdasiActivity');
const MMT8 = visitField('mmt8');

/** CDASI activity (left axis, its range) and MMT8 (right axis, its range) against months on the JAK inhibitor, ticked at the visit schedule. */
export function TrajectoryChart({ points }: { points: TrajectoryPoint[] }) {
  if (points.length === 0) return <p className="muted">The chart appears once a visit is saved.</p>;
  const axis = monthAxis(points.map((p) => p.months));
  return (
    <figure style={{ margin: 0 }} aria-label="CDASI activity and MMT8 over months since the JAK inhibitor start">
      <div style={{ width: '100%', height: 280 }}>
        <ResponsiveContainer>
          <LineChart data={points} margin={{ top: 10, right: 20, bottom: 20, left: 0 }}>
            <CartesianGrid stroke="#e3e7ed" />
            <XAxis
              dataKey="months"
              type="number"
              domain={axis.domain}
              ticks={axis.ticks}
              padding={{ left: 8, right: 8 }}
              label={{ value: 'Months since JAK inhibitor start', position: 'insideBottom', offset: -10 }}
            />
            <YAxis yAxisId="cdasi" domain={[0, CDASI.max]} label={{ value: 'CDASI activity', angle: -90, position: 'insideLeft', offset: 15 }} />
            <YAxis yAxisId="mmt8" orientation="right" domain={[0, MMT8.max]} label={{ value: 'MMT8', angle: 90, position: 'insideRight' }} />
            <Tooltip
              labelFormatter={(m) => `Month ${Number(m).toFixed(1)}`}
              formatter={(value, name) => [value ?? '—', name]}
            />
            <Legend verticalAlign="top" height={24} />
            <Line yAxisId="cdasi" type="linear" dataKey="cdasiActivity" name="CDASI activity" stroke="#b4442f" strokeWidth={2} connectNulls isAnimationActive={false} />
            <Line yAxisId="mmt8" type="linear" dataKey="mmt8" name="MMT8" stroke="#1f5fa8" strokeWidth={2} connectNulls isAnimationActive={false} />
          </LineChart>
        </ResponsiveContainer>
      </div>
    </figure>
  );
}
