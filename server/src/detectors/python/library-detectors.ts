// Detectors on third-party HTTP and TLS libraries (requests, httpx, aiohttp, urllib3, pyOpenSSL).
import type { Detector } from '../../engine/types';
import { detector as aiohttpSsl } from './aiohttp-ssl';
import { detector as clientsVerifyDisabled } from './clients-verify-disabled';
import { detector as environVerifyDisabled } from './environ-verify-disabled';
import { detector as pycurlSslVerifyhost } from './pycurl-ssl-verifyhost';
import { detector as pycurlSslVerifypeer } from './pycurl-ssl-verifypeer';
import { detector as pyopensslCipherList } from './pyopenssl-cipher-list';
import { detector as pyopensslMethod } from './pyopenssl-method';
import { detector as pyopensslProtoVersion } from './pyopenssl-proto-version';
import { detector as pyopensslSslv23Method } from './pyopenssl-sslv23-method';
import { detector as pyopensslVerify } from './pyopenssl-verify';
import { detector as requestsVerify } from './requests-verify';
import { detector as urllib3AssertHostname } from './urllib3-assert-hostname';
import { detector as urllib3CertReqs } from './urllib3-cert-reqs';
import { detector as urllib3Ciphers } from './urllib3-ciphers';
import { detector as urllib3DisableWarnings } from './urllib3-disable-warnings';
import { detector as urllib3SslVersion } from './urllib3-ssl-version';
import { detector as websocketCheckHostname } from './websocket-check-hostname';

export const LIBRARY_DETECTORS: Detector[] = [
  requestsVerify as Detector,
  aiohttpSsl as Detector,
  urllib3CertReqs as Detector,
  urllib3AssertHostname as Detector,
  urllib3DisableWarnings,
  urllib3Ciphers as Detector,
  urllib3SslVersion as Detector,
  pyopensslVerify as Detector,
  pyopensslMethod,
  pyopensslSslv23Method,
  pyopensslProtoVersion as Detector,
  pyopensslCipherList as Detector,
  environVerifyDisabled as Detector,
  clientsVerifyDisabled as Detector,
  pycurlSslVerifypeer as Detector,
  pycurlSslVerifyhost as Detector,
  websocketCheckHostname as Detector,
];
