// The YAML detectors (kubeconfig, Kubernetes, Ansible, CI and compose files, Envoy), registered in one list.
// Shell commands inside run:/script: blocks are covered by the shell detectors.
import type { Detector } from '../../engine/types';
import { detector as argsSkipVerify } from './args-skip-verify';
import { detector as envoyTlsVersion } from './envoy-tls-version';
import { detector as envoyTrustChain } from './envoy-trust-chain';
import { detector as envoyUpstreamValidation } from './envoy-upstream-validation';
import { detector as insecureSkipTlsVerify } from './insecure-skip-tls-verify';
import { detector as kafkaEndpointIdentification } from './kafka-endpoint-identification';
import { detector as springHostnameCheck } from './spring-hostname-check';
import { detector as springTrustAll } from './spring-trust-all';
import { detector as sslProtocols } from './ssl-protocols';
import { detector as tlsEnv } from './tls-env';
import { detector as verifyFalse } from './verify-false';

export const DETECTORS: Detector[] = [
  insecureSkipTlsVerify,
  verifyFalse,
  tlsEnv,
  sslProtocols,
  envoyUpstreamValidation,
  envoyTrustChain,
  envoyTlsVersion,
  argsSkipVerify,
  kafkaEndpointIdentification,
  springTrustAll,
  springHostnameCheck,
];
