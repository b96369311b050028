import { openApiDocument, type OpenApiDocument } from './openapi';
import { apiOperations } from './operations';

export const API_VERSION = '1.0.0';

const DESCRIPTION = [
  "The registry's data for scripts and other systems. Send a personal access token as `Authorization: Bearer dmj_…`",
  '(make one on your account page); it acts with your role and your sites only. Refusals are RFC 9457 problem details',
  '(application/problem+json) naming each wrong field by its JSON pointer. docs/api.md explains paging, idempotency and versions.',
].join(' ');

let built: OpenApiDocument | undefined;

/** The document is the same for every caller: built once per process. */
export function apiDocument(): OpenApiDocument {
  built ??= openApiDocument(apiOperations, { version: API_VERSION, description: DESCRIPTION });
  return built;
}
