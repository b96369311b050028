import { TableScroll } from '@/components/TableScroll';
import { label } from '@/lib/codes';
import { GROUPING_LABELS, type GroupedReport } from '@/lib/cohort/groups';
import { REPORT_MEASURES, type CohortReport } from '@/lib/cohort/report-types';
import { FOLLOW_UP_POINTS } from '@/lib/cohort/windows';
import { MEASURE_LABELS, TEST_NAMES, TIME_POINT_LABELS, cellP, formatP, meanSd, methodsText, pairsLabel, percent } from '@/lib/documents/report-labels';
import { reportFigures } from '@/lib/figures';

// The report page's sections, in the pilot's order; the PDF (lib/documents/report-pdf.ts)
// prints the same ones. IMACS response is in imacs-section.tsx.

/** Who the cohort is at the JAK-inhibitor start. */
export function BaselineSection({ report }: { report: CohortReport }) {
  const b = report.baseline_characteristics;
  const s = report.settings;
  return (
    <section className="panel" aria-labelledby="baseline">
      <h2 id="baseline">Baseline characteristics</h2>
      <dl className="facts">
        <div><dt>Patients</dt><dd>{b.n} ({b.sex.F} F, {b.sex.M} M)</dd></div>
        <div><dt>Age at JAKi start, years</dt><dd>{b.age_years.mean === null ? '–' : `${b.age_years.mean.toFixed(1)} (${b.age_years.min}–${b.age_years.max})`}</dd></div>
        <div><dt>Disease duration, years</dt><dd>{b.disease_duration_years.mean === null ? '–' : `${b.disease_duration_years.mean.toFixed(1)} (${b.disease_duration_years.min?.toFixed(1)}–${b.disease_duration_years.max?.toFixed(1)}), n ${b.disease_duration_years.n}`}</dd></div>
        <div><dt>Active disease at baseline</dt><dd>skin {b.active.cutaneous} · muscle {b.active.muscle} · both {b.active.both}</dd></div>
        <div><dt>Prednisone &gt; {s.taper_threshold_mg_day} mg/day</dt><dd>{b.prednisone_above_5}</dd></div>
        <div><dt>IVIG ongoing</dt><dd>{b.ivig}</dd></div>
        <div><dt>Interstitial lung disease</dt><dd>{b.ild}</dd></div>
        <div><dt>Regimens</dt><dd>{b.regimens.map((r) => `${label(r.drug)} ${r.dose_mg_day} mg/day (${r.n})`).join(', ') || '–'}</dd></div>
        <div><dt>Previous treatments</dt><dd>{Object.entries(b.previous_treatments).map(([k, n]) => `${label(k)} ${n}`).join(', ') || '–'}</dd></div>
      </dl>
    </section>
  );
}

/** Each measure at each time point, with the paired tests against baseline. */
export function TrajectorySection({ report }: { report: CohortReport }) {
  const primary = report.settings.primary_test;
  return (
    <section aria-labelledby="trajectory" style={{ marginBottom: '1rem' }}>
      <h2 id="trajectory">Trajectory</h2>
      <TrajectoryTable report={report} label="Trajectory table" />
      <p className="muted" style={{ fontSize: '0.8rem' }}>
        Mean ± SD (sample SD), n patients with a value. P: two-sided {TEST_NAMES[primary]} against baseline over the pairs (patients
        with both values); – with fewer than two pairs or where the test gives none. The {TEST_NAMES[primary === 'wilcoxon' ? 'ttest' : 'wilcoxon']}{' '}
        is shown on hover and in the CSV and JSON.
      </p>
    </section>
  );
}

/** The trajectory table once per subgroup of the patients, headed by the group and its n. */
export function GroupTrajectoriesSection({ grouped }: { grouped: GroupedReport }) {
  return (
    <section aria-labelledby="groups" style={{ marginBottom: '1rem' }}>
      <h2 id="groups">Trajectory by {GROUPING_LABELS[grouped.by]}</h2>
      <p className="muted">
        {grouped.all.patients} patients in {grouped.groups.length} group{grouped.groups.length === 1 ? '' : 's'}; each group&apos;s P values over its own pairs.
      </p>
      {grouped.groups.map((g, i) => (
        <section key={g.key ?? ''} aria-labelledby={`group-${i}`}>
          <h3 id={`group-${i}`} style={{ margin: '0.9rem 0 0.4rem' }}>
            {g.label} <span className="muted">n {g.report.patients}</span>
          </h3>
          <TrajectoryTable report={g.report} label={`Trajectory table, ${g.label}`} />
        </section>
      ))}
    </section>
  );
}

function TrajectoryTable({ report, label }: { report: CohortReport; label: string }) {
  const primary = report.settings.primary_test;
  const decimals = report.settings.decimals;
  return (
    <TableScroll label={label}>
      <table>
        <caption className="visually-hidden">Mean ± SD (n) and paired P against baseline</caption>
        <thead>
          <tr>
            <th scope="col">Measure</th>
            <th scope="col" className="num">{TIME_POINT_LABELS.baseline}</th>
            {FOLLOW_UP_POINTS.map((p) => (
              <th key={p} scope="col" className="num">
                {TIME_POINT_LABELS[p]}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {REPORT_MEASURES.map((m) => {
            const row = report.measures[m];
            return (
              <tr key={m}>
                <th scope="row">{MEASURE_LABELS[m]}</th>
                <td className="num">
                  {meanSd(row.baseline.mean, row.baseline.sd, decimals)} <span className="muted">n {row.baseline.n}</span>
                </td>
                {FOLLOW_UP_POINTS.map((p) => {
                  const c = row[p];
                  const test = cellP(c, primary);
                  return (
                    <td key={p} className="num">
                      {meanSd(c.mean, c.sd, decimals)} <span className="muted">n {c.n}</span>
                      <br />
                      <span className="muted" title={`${test.otherName}: P ${formatP(test.other)}`}>
                        P {formatP(test.p)} · {pairsLabel(c.n_paired)}
                      </span>
                    </td>
                  );
                })}
              </tr>
            );
          })}
        </tbody>
      </table>
    </TableScroll>
  );
}

/**
 * The figures, drawn on the server as the same SVG that the downloads, the PDF and any other
 * document use (lib/figures), each with its caption and its SVG and PNG downloads.
 */
export function FigureSection({ report, site }: { report: CohortReport; site: string | null }) {
  const href = (name: string, format: 'svg' | 'png') =>
    `/api/v1/cohorts/${encodeURIComponent(report.cohort)}/figures/${name}?format=${format}${site ? `&site=${encodeURIComponent(site)}` : ''}`;
  return (
    <section className="panel" aria-labelledby="figures">
      <h2 id="figures">Figures</h2>
      <div className="figures">
        {reportFigures(report).map((figure) => (
          <figure key={figure.name} aria-label={figure.title}>
            {/* Our own SVG, every text in it escaped (lib/figures/svg.ts). */}
            <div className="figure-svg" dangerouslySetInnerHTML={{ __html: figure.svg }} />
            <figcaption className="muted">{figure.caption}</figcaption>
            <p className="figure-downloads">
              <a href={href(figure.name, 'svg')} download aria-label={`${figure.title}: SVG`}>
                SVG
              </a>{' '}
              ·{' '}
              <a href={href(figure.name, 'png')} download aria-label={`${figure.title}: PNG (300 dpi)`}>
                PNG (300 dpi)
              </a>
            </p>
          </figure>
        ))}
      </div>
    </section>
  );
}

/** Responders, steroid and IVIG sparing, JAK-inhibitor continuation, deaths and follow-up. */
export function OutcomesSection({ report }: { report: CohortReport }) {
  const s = report.settings;
  const t = report.prednisone_taper;
  return (
    <section className="panel" aria-labelledby="outcomes">
      <h2 id="outcomes">Outcomes</h2>
      <TableScroll label="Outcomes table">
        <table>
          <tbody>
            {FOLLOW_UP_POINTS.map((p) => (
              <tr key={p}>
                <th scope="row">CDASI activity fall of {s.responder_drop} or more, {TIME_POINT_LABELS[p]}</th>
                <td className="num">{report.cdasi_response[p].n} / {report.cdasi_response[p].of}</td>
                <td className="num">{percent(report.cdasi_response[p].n, report.cdasi_response[p].of)}</td>
              </tr>
            ))}
            <tr>
              <th scope="row">Prednisone &gt; {s.taper_threshold_mg_day} mg/day at baseline, tapered to ≤ {s.taper_threshold_mg_day} at final follow-up</th>
              <td className="num">{t.tapered} / {t.of} <span className="muted">(of {t.baseline_above_5})</span></td>
              <td className="num">{percent(t.tapered, t.of)}</td>
            </tr>
            <tr>
              <th scope="row">IVIG ongoing at baseline, stopped by final follow-up</th>
              <td className="num">{report.ivig.discontinued} / {report.ivig.baseline}</td>
              <td className="num">{percent(report.ivig.discontinued, report.ivig.baseline)}</td>
            </tr>
            <tr>
              <th scope="row">Still on the JAK inhibitor</th>
              <td className="num">{report.jaki_continued.n} / {report.jaki_continued.of}</td>
              <td className="num">{percent(report.jaki_continued.n, report.jaki_continued.of)}</td>
            </tr>
            {Object.entries(report.jaki_stop_reasons).map(([reason, n]) => (
              <tr key={reason}>
                <th scope="row" className="indent">Stopped: {label(reason)}</th>
                <td className="num">{n}</td>
                <td />
              </tr>
            ))}
            <tr>
              <th scope="row">Deaths{report.death_causes.length ? ` (${report.death_causes.join('; ')})` : ''}</th>
              <td className="num">{report.deaths}</td>
              <td />
            </tr>
            <tr>
              <th scope="row">Follow-up, years</th>
              <td className="num">{meanSd(report.follow_up_years.mean, report.follow_up_years.sd, s.decimals)}</td>
              <td />
            </tr>
          </tbody>
        </table>
      </TableScroll>
    </section>
  );
}

/** Treatment-emergent adverse events: the summary a safety table gives, then by category. */
export function AdverseEventsSection({ report }: { report: CohortReport }) {
  const ae = report.adverse_events;
  const rate = ae.rate_per_100_patient_years;
  return (
    <section className="panel" aria-labelledby="aes">
      <h2 id="aes">Adverse events</h2>
      <p className="muted">
        Treatment-emergent: from day 0 to {report.settings.ae_window_after_stop_days} days after a JAK-inhibitor stop.
        {ae.not_treatment_emergent > 0 && ` ${ae.not_treatment_emergent} other event${ae.not_treatment_emergent === 1 ? '' : 's'} (before the start or later) not counted.`}
      </p>
      <TableScroll label="Treatment-emergent adverse events">
        <table>
          <tbody>
            <tr>
              <th scope="row">Patients with an event</th>
              <td className="num">{ae.patients} / {report.patients}</td>
              <td className="num">{percent(ae.patients, report.patients)}</td>
            </tr>
            <tr>
              <th scope="row">Events</th>
              <td className="num">{ae.total}</td>
              <td />
            </tr>
            <tr>
              <th scope="row">Serious</th>
              <td className="num">{ae.serious}</td>
              <td />
            </tr>
            <tr>
              <th scope="row">Of special interest</th>
              <td className="num">{ae.special_interest}</td>
              <td />
            </tr>
            <tr>
              <th scope="row">Leading to discontinuation</th>
              <td className="num">{ae.leading_to_discontinuation}</td>
              <td />
            </tr>
            <tr>
              <th scope="row">Exposure, patient-years</th>
              <td className="num">{ae.exposure_years.toFixed(1)}</td>
              <td />
            </tr>
            <tr>
              <th scope="row">Events per 100 patient-years</th>
              <td className="num">{rate === null ? '–' : rate.toFixed(1)}</td>
              <td />
            </tr>
            {Object.entries(ae.by_category).map(([c, n]) => (
              <tr key={c}>
                <th scope="row" className="indent">{label(c)}</th>
                <td className="num">{n}</td>
                <td />
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
    </section>
  );
}

/** Relapses on the JAK inhibitor, by domain. */
export function RelapsesSection({ report }: { report: CohortReport }) {
  const r = report.relapses;
  return (
    <section className="panel" aria-labelledby="relapses">
      <h2 id="relapses">Relapses</h2>
      <p>
        {r.events} relapse{r.events === 1 ? '' : 's'} in {r.patients} patient{r.patients === 1 ? '' : 's'} ({percent(r.patients, report.patients)}) while on the JAK
        inhibitor{r.events ? ': ' + Object.entries(r.by_domain).map(([d, n]) => `${label(d)} ${n}`).join(', ') : ''}.
      </p>
    </section>
  );
}

/** The windows, thresholds and tests the report used. */
export function MethodsSection({ report }: { report: CohortReport }) {
  return (
    <section className="panel" aria-labelledby="methods">
      <h2 id="methods">Methods</h2>
      {methodsText(report.settings).map((paragraph) => (
        <p key={paragraph}>{paragraph}</p>
      ))}
    </section>
  );
}
