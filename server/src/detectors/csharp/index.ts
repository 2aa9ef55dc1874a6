// The C# detectors, registered in one list.
import type { Detector } from '../../engine/types';
import { detector as certValidationCallback } from './cert-validation-callback';
import { detector as policyErrorsChain } from './policy-errors-chain';
import { detector as policyErrorsNameMismatch } from './policy-errors-name-mismatch';
import { detector as rdkafkaEndpointIdentification } from './rdkafka-endpoint-identification';
import { detector as rdkafkaSslVerification } from './rdkafka-ssl-verification';
import { detector as securityProtocolType } from './security-protocol-type';
import { detector as sslProtocols } from './ssl-protocols';
import { detector as tlsCipherSuite } from './tls-cipher-suite';
import { detector as trustAllOption } from './trust-all-option';
import { detector as wcfCertificateValidationMode } from './wcf-certificate-validation-mode';

export const DETECTORS: Detector[] = [
  certValidationCallback,
  trustAllOption,
  policyErrorsChain,
  policyErrorsNameMismatch,
  wcfCertificateValidationMode,
  sslProtocols,
  securityProtocolType,
  tlsCipherSuite,
  rdkafkaEndpointIdentification,
  rdkafkaSslVerification,
];
