// CSV interchange (docs/interchange.md): pure, no database. The importer and the exporter
// in db/queries bring the database's side.

export * from './columns';
export { escapeFormula, formatNumber, unescapeFormula } from './cells';
export { ImportCheck, adverseEventKey, checkImport, type ImportContext, type PatientDates, type SavedPatient } from './check';
export { checkCsvBytes } from './decode';
export { MAX_IMPORT_FILE_BYTES, MAX_IMPORT_FILE_MB, MAX_IMPORT_ROWS, sizeProblem } from './limits';
export { FILE_NAMES, formatProblem, sortProblems, type FileName, type Problem } from './problems';
export { readEventsAndRelapses, readImport, readPatientBatches, readVisitBatches, type ImportFiles, type InterchangeFiles, type ReadImport, type ReadOptions, type Row } from './read';
export { serializeImport, type InterchangeRecords } from './serialize';
