// The Java .properties detectors (Kafka client and broker settings, Spring Boot's application.properties),
// which judge keys and values with the YAML detectors' reading (engine/kafka-settings).
import type { Detector } from '../../engine/types';
import { detector as kafkaEndpointIdentification } from './kafka-endpoint-identification';
import { detector as springHostnameCheck } from './spring-hostname-check';
import { detector as springTrustAll } from './spring-trust-all';
import { detector as sslProtocols } from './ssl-protocols';

export const DETECTORS: Detector[] = [sslProtocols, kafkaEndpointIdentification, springTrustAll, springHostnameCheck];
