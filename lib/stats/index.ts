export { mean, sd } from './describe';
export { wilcoxonSignedRank, pairedTTest } from './paired';
export type { WilcoxonResult, TTestResult } from './paired';
