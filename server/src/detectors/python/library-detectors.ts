// Detectors on third-party HTTP and TLS libraries (requests, httpx, aiohttp, urllib3, pyOpenSSL).
import type { Detector } from '../../engine/types';
import { detector as aiohttpSsl } from './aiohttp-ssl';
import { detector as requestsVerify } from './requests-verify';
import { detector as urllib3AssertHostname } from './urllib3-assert-hostname';
import { detector as urllib3CertReqs } from './urllib3-cert-reqs';
import { detector as urllib3DisableWarnings } from './urllib3-disable-warnings';

export const LIBRARY_DETECTORS: Detector[] = [requestsVerify as Detector, urllib3CertReqs as Detector, urllib3AssertHostname as Detector, urllib3DisableWarnings, aiohttpSsl as Detector];
