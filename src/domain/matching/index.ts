export { MATCHING_CONFIG, type MatchingConfig } from './config.js';
export { straightLineTravel, type TravelEstimate, type TravelEstimator, type TravellerMeans } from './travel.js';
export {
  COMPONENTS,
  mobilityScore,
  rankResults,
  romeCloseness,
  scoreMatch,
  type Component,
  type Opportunity,
  type Reason,
  type ScoredYouth,
  type ScoreResult,
  type ScoringContext,
} from './scoring.js';
