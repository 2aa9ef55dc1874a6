// The Ruby detectors (OpenSSL::SSL, Net::HTTP, Faraday, HTTParty, Excon, RestClient, Typhoeus), registered in one list.
import type { Detector } from '../../engine/types';
import { detector as opensslCiphers } from './openssl-ciphers';
import { detector as httpVerifyFalse } from './http-verify-false';
import { detector as opensslDefaultContext } from './openssl-default-context';
import { detector as opensslLegacyVersion } from './openssl-legacy-version';
import { detector as opensslVerifyNone } from './openssl-verify-none';
import { detector as opensslVerifyCallback } from './openssl-verify-callback';
import { detector as rdkafkaEndpointIdentification } from './rdkafka-endpoint-identification';
import { detector as verifyHostnameFalse } from './verify-hostname-false';

export const DETECTORS: Detector[] = [
  opensslVerifyNone,
  opensslVerifyCallback,
  httpVerifyFalse,
  verifyHostnameFalse,
  opensslLegacyVersion,
  opensslCiphers,
  opensslDefaultContext,
  rdkafkaEndpointIdentification,
];
