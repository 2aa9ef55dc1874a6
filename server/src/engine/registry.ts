// The registry: every rule and every detector, looked up by id.
import { ALL_DETECTORS } from '../detectors';
import { ALL_RULES } from '../rules';
import type { Detector, Rule, RuleId } from './types';

export const RULES: ReadonlyMap<RuleId, Rule> = new Map(ALL_RULES.map((r) => [r.id, r]));
export const DETECTORS: readonly Detector[] = ALL_DETECTORS;
export const DETECTORS_BY_ID: ReadonlyMap<string, Detector> = new Map(ALL_DETECTORS.map((d) => [d.id, d]));
