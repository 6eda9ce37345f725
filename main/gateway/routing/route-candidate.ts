import type { RuntimeProvider } from '../provider-catalog.js';

/** One place a request can go: a provider and the model name that provider knows. */
export interface RouteCandidate {
  provider: RuntimeProvider;
  upstreamModel: string;
  /** `provider/model`, as reported back to the client and listed in attempts. */
  publicModel: string;
}

/** A combo target (or the requested model itself) and what it expanded to. */
export interface CandidateGroup {
  /** The model as the combo lists it. */
  model: string;
  weight: number;
  candidates: RouteCandidate[];
}

/** A target that could not be used at all, listed in the attempt list of a failure. */
export interface UnusableTarget {
  target: string;
  reason: string;
}
