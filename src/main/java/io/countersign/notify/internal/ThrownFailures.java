package io.countersign.notify.internal;

import io.countersign.shared.ConnectionFailures;
import io.countersign.shared.database.BoundedDatabaseCalls;
import java.util.Optional;
import org.slf4j.Logger;

/**
 * A sender, or a webhook's post, that threw instead of answering a result. Neither the exception's
 * message, which may hold a server's address or a URL with a credential, nor its stack trace reach the
 * log at WARN: a sender that throws on every delivery of a backlog would fill it with traces.
 */
final class ThrownFailures {

    private ThrownFailures() {}

    /**
     * One line naming the delivery, its channel and the cause in words, or the exception's class when
     * no words fit; the stack trace is logged at DEBUG.
     */
    static void warn(Logger log, DueDeliveries.Due due, String what, RuntimeException e) {
        String cause = named(e).orElseGet(() -> "unexpected " + e.getClass().getSimpleName());
        log.warn(
                "Delivery {} on {}: {} failed ({}); its stack trace is logged at DEBUG",
                due.id(),
                due.channel(),
                what,
                cause);
        log.debug("Delivery {} on {}: {} failed", due.id(), due.channel(), what, e);
    }

    /**
     * The failure in words for the delivery's error, which administrators read: the exception's class
     * means nothing to them.
     */
    static String inWords(RuntimeException e) {
        return named(e).map(words -> "failed: " + words).orElse("failed unexpectedly; see the service log");
    }

    /**
     * What an unavailable database did, for the log: one slow under load does not answer in time either,
     * and is not to be called out of reach.
     */
    static String databaseOutage(RuntimeException e) {
        return BoundedDatabaseCalls.isUnanswered(e)
                ? "the database did not answer in time"
                : "the database cannot be reached";
    }

    /**
     * This side's database before the receiver's connection: an attempt that read its secrets or its
     * address when the database was out of reach failed here, and a refused connection to the database
     * must not read as the receiver's.
     */
    private static Optional<String> named(RuntimeException e) {
        if (BoundedDatabaseCalls.isBusy(e)) {
            return Optional.of("no database connection was free in time");
        }
        if (BoundedDatabaseCalls.isUnavailability(e)) {
            return Optional.of(
                    BoundedDatabaseCalls.isUnanswered(e)
                            ? "the database did not answer in time"
                            : "could not reach the database");
        }
        return ConnectionFailures.named(e);
    }
}
