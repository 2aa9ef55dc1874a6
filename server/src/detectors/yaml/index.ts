// The YAML detectors (kubeconfig, Kubernetes, Ansible, CI and compose files), registered in one list.
// Shell commands inside run:/script: blocks are covered by the shell detectors.
import type { Detector } from '../../engine/types';
import { detector as argsSkipVerify } from './args-skip-verify';
import { detector as insecureSkipTlsVerify } from './insecure-skip-tls-verify';
import { detector as sslProtocols } from './ssl-protocols';
import { detector as tlsEnv } from './tls-env';
import { detector as verifyFalse } from './verify-false';

export const DETECTORS: Detector[] = [insecureSkipTlsVerify, verifyFalse, tlsEnv, sslProtocols, argsSkipVerify];
