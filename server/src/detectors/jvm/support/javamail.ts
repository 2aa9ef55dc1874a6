// JavaMail's per-protocol SSL properties, shared by the Java and Kotlin detectors that read them
// (`props.put("mail.smtp.ssl.trust", "*")`, `props["mail.imaps.ssl.checkserveridentity"] = "false"`).

/** `mail.<protocol>.ssl.trust`: the hosts whose certificate is trusted without verification (`*`: all). */
export const MAIL_SSL_TRUST = /^mail\.(smtps?|imaps?|pop3s?)\.ssl\.trust$/;

/** `mail.<protocol>.ssl.checkserveridentity`: whether the certificate is matched to the host name. */
export const MAIL_SSL_CHECK_SERVER_IDENTITY = /^mail\.(smtps?|imaps?|pop3s?)\.ssl\.checkserveridentity$/;
