export * from './auth';
export * from './sites';
export * from './patients';
export * from './visits';
export * from './adverse-events';
export * from './relapses';
export * from './audit';
export * from './idempotency';
