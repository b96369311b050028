import type { ApiOperation } from '../operation';
import { recordOperations } from './records';

// Every operation of /api/v1, one file per area. A route file without its entry here fails
// lib/api/openapi.test.ts.

export const apiOperations: ApiOperation[] = [...recordOperations];
