// A record's content, as source verification and signatures hash it (db/queries/content-hash.ts):
// its row without the columns that say who wrote it when (version, times, authors, voiding,
// review). An auditor's review of an event is no change of what it says.
export const NOT_CONTENT_COLUMNS = ['id', 'patient_id', 'version', 'created_at', 'created_by', 'updated_at', 'updated_by', 'voided_at', 'voided_by', 'void_reason', 'reviewed_at', 'reviewed_by', 'review_comment'] as const;
