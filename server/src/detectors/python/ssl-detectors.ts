// Detectors on the standard library's ssl module and the stdlib clients that take a context.
import type { Detector } from '../../engine/types';
import { detector as sslCheckHostname } from './ssl-check-hostname';
import { detector as sslContextNoProtocol } from './ssl-context-no-protocol';
import { detector as sslDefaultHttpsContext } from './ssl-default-https-context';
import { detector as sslLegacyProtocol } from './ssl-legacy-protocol';
import { detector as sslMatchHostname } from './ssl-match-hostname';
import { detector as sslOptions } from './ssl-options';
import { detector as sslProtocolConstant } from './ssl-protocol-constant';
import { detector as sslSetCiphers } from './ssl-set-ciphers';
import { detector as sslTlsVersion } from './ssl-tls-version';
import { detector as sslUnverifiedContext } from './ssl-unverified-context';
import { detector as sslVerifyMode } from './ssl-verify-mode';
import { detector as sslWrapSocket } from './ssl-wrap-socket';
import { detector as stdlibCheckHostname } from './stdlib-check-hostname';
import { detector as stdlibClientContext } from './stdlib-client-context';
import { detector as stdlibDeprecatedParams } from './stdlib-deprecated-params';

export const SSL_DETECTORS: Detector[] = [
  sslWrapSocket,
  sslMatchHostname,
  sslProtocolConstant,
  sslContextNoProtocol,
  sslUnverifiedContext,
  sslDefaultHttpsContext,
  sslCheckHostname,
  sslVerifyMode,
  sslLegacyProtocol,
  sslTlsVersion,
  sslOptions,
  sslSetCiphers,
  stdlibClientContext,
  stdlibCheckHostname,
  stdlibDeprecatedParams,
] as Detector[];
