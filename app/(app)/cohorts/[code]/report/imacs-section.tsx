import { TableScroll } from '@/components/TableScroll';
import type { CohortReport } from '@/lib/cohort/report-types';
import { FOLLOW_UP_POINTS } from '@/lib/cohort/windows';
import { IMACS_NOT_ASSESSABLE, MAX_PATIENT_LINES, TIME_POINT_LABELS, imacsAssessable, tisBandLabels } from '@/lib/documents/report-labels';

/** IMACS response by the 2016 Total Improvement Score, and each patient's score when the cohort is small enough to list. */
export function ImacsSection({ report }: { report: CohortReport }) {
  const bands = tisBandLabels(report.settings.tis_thresholds);
  if (!imacsAssessable(report))
    return (
      <section className="panel" aria-labelledby="imacs">
        <h2 id="imacs">IMACS response</h2>
        <p>{IMACS_NOT_ASSESSABLE}</p>
      </section>
    );
  return (
    <section className="panel" aria-labelledby="imacs">
      <h2 id="imacs">IMACS response</h2>
      <TableScroll label="IMACS response table">
        <table>
          <thead>
            <tr>
              <th scope="col">Time point</th>
              <th scope="col" className="num">Assessable</th>
              <th scope="col" className="num">None (TIS {bands.none})</th>
              <th scope="col" className="num">Minimal ({bands.minimal})</th>
              <th scope="col" className="num">Moderate ({bands.moderate})</th>
              <th scope="col" className="num">Major ({bands.major})</th>
              <th scope="col" className="num">IMACS DOI met</th>
            </tr>
          </thead>
          <tbody>
            {FOLLOW_UP_POINTS.map((p) => {
              const c = report.imacs.counts[p];
              return (
                <tr key={p}>
                  <th scope="row">{TIME_POINT_LABELS[p]}</th>
                  <td className="num">{c.assessable}</td>
                  <td className="num">{c.none}</td>
                  <td className="num">{c.minimal}</td>
                  <td className="num">{c.moderate}</td>
                  <td className="num">{c.major}</td>
                  <td className="num">{c.doi_met}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </TableScroll>
      <p className="muted" style={{ fontSize: '0.8rem' }}>
        2016 ACR/EULAR Total Improvement Score where all six core-set measures were recorded at baseline and at the time point.
      </p>
      {report.imacs.per_patient.length > 0 && report.imacs.per_patient.length <= MAX_PATIENT_LINES * 3 && (
        <details>
          <summary>Total Improvement Score per patient</summary>
          <TableScroll label="Total Improvement Score per patient">
            <table>
              <thead>
                <tr>
                  <th scope="col">Patient</th>
                  <th scope="col">Time point</th>
                  <th scope="col" className="num">TIS</th>
                  <th scope="col">Category</th>
                  <th scope="col">IMACS DOI</th>
                </tr>
              </thead>
              <tbody>
                {report.imacs.per_patient.map((r) => (
                  <tr key={`${r.patient_code}-${r.time_point}`}>
                    <td>{r.patient_code}</td>
                    <td>{TIME_POINT_LABELS[r.time_point]}</td>
                    <td className="num">{r.tis ?? '–'}</td>
                    <td>{r.tis_category ?? '–'}</td>
                    <td>{r.doi_met === null ? '–' : r.doi_met ? 'met' : 'not met'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        </details>
      )}
    </section>
  );
}
