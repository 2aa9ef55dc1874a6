// The registry: every rule and every detector, looked up by id.
import { ALL_DETECTORS } from '../detectors';
import { ALL_RULES } from '../rules';
import type { Detector, Rule, RuleId } from './types';

export const RULES: ReadonlyMap<RuleId, Rule> = new Map(ALL_RULES.map((r) => [r.id, r]));
/**
 * Every detector, in the order the engine runs them: by priority (highest first), then by id. Where two
 * detectors of one rule report the same range, the engine keeps the first report, so this order, not
 * the order of the registration lists, decides which one a user sees.
 */
export const DETECTORS: readonly Detector[] = [...ALL_DETECTORS].sort(
  (a, b) => b.priority - a.priority || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
);
export const DETECTORS_BY_ID: ReadonlyMap<string, Detector> = new Map(ALL_DETECTORS.map((d) => [d.id, d]));
