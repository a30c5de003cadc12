package io.countersign.web.logging;

/**
 * The names under which a call's context appears in every log line it causes (the MDC), as fields of
 * a structured log line ({@code logging.structured.format.console=ecs} or {@code logstash}). The first
 * two are Elastic Common Schema fields.
 */
final class LogFields {

    static final String CALL_ID = "http.request.id";
    static final String ACTOR = "user.name";
    static final String REQUEST_ID = "countersign.request.id";
    static final String GRANT_ID = "countersign.grant.id";

    private LogFields() {}
}
