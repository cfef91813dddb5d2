export { MATCHING_CONFIG, type MatchingConfig } from './config.js';
export { straightLineTravel, type TravelEstimate, type TravelEstimator, type TravellerMeans } from './travel.js';
export {
  COMPONENTS,
  explain,
  mobilityScore,
  prepareYouth,
  quickScore,
  rankResults,
  romeCloseness,
  scoreMatch,
  scoreUpperBound,
  type Component,
  type Opportunity,
  type PreparedYouth,
  type Reason,
  type ScoredYouth,
  type ScoreResult,
  type ScoringContext,
} from './scoring.js';
export { retrievalPlan, type RetrievalPlan, type RetrievalTier } from './retrieval.js';
