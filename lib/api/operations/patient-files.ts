import { patientPathSchema } from '../parameters';
import { problemAnswer, type ApiOperation } from '../operation';
import { fhirBundleSchema } from './cohort-files';

// One patient's documents: routes under app/api/v1/patients/[patientId]/.

const notFound = problemAnswer("No such patient among the caller's sites (another site's patient is answered so too).");

export const patientFileOperations: ApiOperation[] = [
  {
    method: 'get',
    path: '/api/v1/patients/{patientId}/casebook',
    operationId: 'getPatientCasebook',
    tag: 'Patients',
    summary: "The patient's casebook as a PDF",
    description: 'Every record with its history, source verification, queries and signatures (docs/evidence.md); recorded in the audit trail.',
    scope: 'read',
    pathParams: patientPathSchema,
    responses: { 200: { description: 'The PDF.', contentType: 'application/pdf' }, 404: notFound },
  },
  {
    method: 'get',
    path: '/api/v1/patients/{patientId}/fhir',
    operationId: 'getPatientFhir',
    tag: 'Patients',
    summary: 'One patient as a FHIR R4 Bundle',
    description: 'Coordinators and admins.',
    scope: 'read',
    pathParams: patientPathSchema,
    responses: { 200: { description: 'The Bundle.', contentType: 'application/fhir+json', schema: fhirBundleSchema }, 404: notFound },
  },
];
