import type { ApiOperation } from '../operation';
import { cohortFileOperations } from './cohort-files';
import { metaOperations } from './meta';
import { patientFileOperations } from './patient-files';
import { reviewOperations } from './review';

// Every operation of /api/v1, one file per area. A route file without its entry here fails
// lib/api/openapi.test.ts.

export const apiOperations: ApiOperation[] = [...cohortFileOperations, ...patientFileOperations, ...reviewOperations, ...metaOperations];
