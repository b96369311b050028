import { z } from 'zod';
import type { ApiOperation } from '../operation';

export const metaOperations: ApiOperation[] = [
  {
    method: 'get',
    path: '/api/v1/openapi.json',
    operationId: 'getOpenApiDocument',
    tag: 'API',
    summary: 'This document: OpenAPI 3.1',
    scope: 'read',
    responses: { 200: { description: 'The OpenAPI document.', schema: z.object({ openapi: z.literal('3.1.0') }).loose() } },
  },
];
