package io.countersign.web.logging;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * What the service logs about the calls it answers.
 *
 * @param accessLog log one line per answered call: method, path without its query (a decision link's without
 *     its token), status and duration, with the call's id and actor (never a header, a query or a body)
 */
@ConfigurationProperties("countersign.logging")
record LoggingProperties(@DefaultValue("false") boolean accessLog) {}
