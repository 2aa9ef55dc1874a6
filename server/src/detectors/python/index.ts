// The Python detectors, registered in one list. Which detector wins where two report one construct is
// decided by `priority` (engine/registry.ts), not by this order.
import type { Detector } from '../../engine/types';
import { detector as aiohttpSsl } from './aiohttp-ssl';
import { detector as clientsHostnameDisabled } from './clients-hostname-disabled';
import { detector as cloudTlsDefault } from './cloud-tls-default';
import { detector as cloudTlsPolicy } from './cloud-tls-policy';
import { detector as clientsVerifyDisabled } from './clients-verify-disabled';
import { detector as environVerifyDisabled } from './environ-verify-disabled';
import { detector as ldapTlsRequireCert } from './ldap-tls-require-cert';
import { detector as libraryVerifySwitch } from './library-verify-switch';
import { detector as pycurlSslVerifyhost } from './pycurl-ssl-verifyhost';
import { detector as pycurlSslVerifypeer } from './pycurl-ssl-verifypeer';
import { detector as pyopensslCipherList } from './pyopenssl-cipher-list';
import { detector as pyopensslMethod } from './pyopenssl-method';
import { detector as pyopensslProtoVersion } from './pyopenssl-proto-version';
import { detector as pyopensslSslv23Method } from './pyopenssl-sslv23-method';
import { detector as pyopensslVerify } from './pyopenssl-verify';
import { detector as requestsVerify } from './requests-verify';
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
import { detector as urllib3AssertHostname } from './urllib3-assert-hostname';
import { detector as urllib3CertReqs } from './urllib3-cert-reqs';
import { detector as urllib3Ciphers } from './urllib3-ciphers';
import { detector as urllib3DisableWarnings } from './urllib3-disable-warnings';
import { detector as urllib3SslVersion } from './urllib3-ssl-version';
import { detector as websocketCheckHostname } from './websocket-check-hostname';

export const DETECTORS: Detector[] = [
  aiohttpSsl,
  cloudTlsDefault,
  cloudTlsPolicy,
  clientsHostnameDisabled,
  clientsVerifyDisabled,
  environVerifyDisabled,
  ldapTlsRequireCert,
  libraryVerifySwitch,
  pycurlSslVerifyhost,
  pycurlSslVerifypeer,
  pyopensslCipherList,
  pyopensslMethod,
  pyopensslProtoVersion,
  pyopensslSslv23Method,
  pyopensslVerify,
  requestsVerify,
  sslCheckHostname,
  sslContextNoProtocol,
  sslDefaultHttpsContext,
  sslLegacyProtocol,
  sslMatchHostname,
  sslOptions,
  sslProtocolConstant,
  sslSetCiphers,
  sslTlsVersion,
  sslUnverifiedContext,
  sslVerifyMode,
  sslWrapSocket,
  stdlibCheckHostname,
  stdlibClientContext,
  stdlibDeprecatedParams,
  urllib3AssertHostname,
  urllib3CertReqs,
  urllib3Ciphers,
  urllib3DisableWarnings,
  urllib3SslVersion,
  websocketCheckHostname,
];
