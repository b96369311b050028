-- The audit trail's patient filter matches the beginning of a code, in any case
-- (upper(code) LIKE 'WLK%', db/queries/patients.ts patientCodeStartsWith): this index serves it.
CREATE INDEX "patient_code_upper_idx" ON "patient" USING btree (upper("code") text_pattern_ops);
