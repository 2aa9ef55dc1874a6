// The connection-string detectors (string literals of code, YAML values, .env values), registered in one list.
import type { Detector } from '../../engine/types';
import { detector as connectionStringHostname } from './connection-string-hostname';
import { detector as connectionStringVerify } from './connection-string-verify';

export const DETECTORS: Detector[] = [connectionStringVerify, connectionStringHostname];
