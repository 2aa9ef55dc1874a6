// The C and C++ detectors (OpenSSL, Boost.Asio's OpenSSL wrapper, libcurl, curlpp, cpr, SChannel,
// SecureTransport, civetweb), registered in one list.
import type { Detector } from '../../engine/types';
import { detector as asioContextDefaults } from './asio-context-defaults';
import { detector as civetwebProtocolVersion } from './civetweb-protocol-version';
import { detector as curlSslversion } from './curl-sslversion';
import { detector as curlVerifyhost } from './curl-verifyhost';
import { detector as curlVerifypeer } from './curl-verifypeer';
import { detector as opensslCipherList } from './openssl-cipher-list';
import { detector as opensslDefaultVerify } from './openssl-default-verify';
import { detector as opensslDeprecatedMethod } from './openssl-deprecated-method';
import { detector as opensslLegacyMethod } from './openssl-legacy-method';
import { detector as opensslProtoVersion } from './openssl-proto-version';
import { detector as opensslVerify } from './openssl-verify';
import { detector as pahoSslVerify } from './paho-ssl-verify';
import { detector as platformTlsProtocols } from './platform-tls-protocols';
import { detector as rdkafkaEndpointIdentification } from './rdkafka-endpoint-identification';

export const DETECTORS: Detector[] = [
  opensslVerify,
  opensslLegacyMethod,
  opensslDeprecatedMethod,
  opensslProtoVersion,
  curlVerifypeer,
  curlVerifyhost,
  curlSslversion,
  opensslCipherList,
  opensslDefaultVerify,
  asioContextDefaults,
  pahoSslVerify,
  platformTlsProtocols,
  civetwebProtocolVersion,
  rdkafkaEndpointIdentification,
];
