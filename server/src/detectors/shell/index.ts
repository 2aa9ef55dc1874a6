// The shell detectors, registered in one list. They also run on Dockerfiles (RUN/ENV parse as shell),
// .env files and the run:/script: blocks of CI YAML.
import type { Detector } from '../../engine/types';
import { detector as cliSkipVerify } from './cli-skip-verify';
import { detector as curlInsecure } from './curl-insecure';
import { detector as curlLegacyTls } from './curl-legacy-tls';
import { detector as gitSslVerify } from './git-ssl-verify';
import { detector as kafkaEndpointIdentification } from './kafka-endpoint-identification';
import { detector as kafkaSslProtocols } from './kafka-ssl-protocols';
import { detector as packageManagerSsl } from './package-manager-ssl';
import { detector as tlsEnv } from './tls-env';
import { detector as wgetNoCheck } from './wget-no-check-certificate';

export const DETECTORS: Detector[] = [
  curlInsecure,
  curlLegacyTls,
  wgetNoCheck,
  gitSslVerify,
  packageManagerSsl,
  tlsEnv,
  cliSkipVerify,
  kafkaSslProtocols,
  kafkaEndpointIdentification,
];
