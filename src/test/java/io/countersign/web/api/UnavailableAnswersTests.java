package io.countersign.web.api;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.spi.ILoggingEvent;
import io.countersign.shared.database.DatabaseBusyException;
import io.countersign.shared.database.DatabaseUnavailableException;
import io.countersign.testing.LoggedEvents;
import io.countersign.testing.MutableClock;
import java.time.Duration;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class UnavailableAnswersTests {

    private final MutableClock clock = new MutableClock();
    private final UnavailableAnswers answers = new UnavailableAnswers(clock);

    @RegisterExtension
    final LoggedEvents logged = LoggedEvents.of(UnavailableAnswers.class);

    @Test
    void anOutageIsWarnedOfOnceAMinuteWithTheAnswersCountedInBetween() {
        DatabaseUnavailableException outage = new DatabaseUnavailableException("the database cannot be reached");

        for (int i = 0; i < 500; i++) {
            answers.answered(outage);
        }
        clock.advance(Duration.ofSeconds(59));
        answers.answered(outage);
        assertThat(logged.list)
                .extracting(ILoggingEvent::getFormattedMessage)
                .containsExactly("Database unavailable, answered 503: the database cannot be reached");

        clock.advance(Duration.ofSeconds(1));
        answers.answered(outage);

        assertThat(logged.list).hasSize(2);
        assertThat(logged.list.get(1).getFormattedMessage())
                .isEqualTo("Database unavailable, answered 503: the database cannot be reached"
                        + " (500 more like it since the last one recorded were not recorded)");
    }

    @Test
    void callsAnsweredBusyAreWarnedOfApartFromAnOutage() {
        answers.answered(new DatabaseUnavailableException("the database cannot be reached"));
        answers.answered(new DatabaseBusyException("every connection is in use", null));

        assertThat(logged.list)
                .extracting(ILoggingEvent::getFormattedMessage)
                .containsExactly(
                        "Database unavailable, answered 503: the database cannot be reached",
                        "Database busy, answered 503: every connection is in use");
    }

    @Test
    void aDatabaseThatDidNotAnswerInTimeIsWarnedOfAsSuchNotAsUnreachable() {
        answers.answered(
                new DatabaseUnavailableException("the database did not answer within 600 ms", new TimeoutException()));
        answers.answered(new DatabaseUnavailableException("the database cannot be reached"));

        assertThat(logged.list)
                .extracting(ILoggingEvent::getFormattedMessage)
                .containsExactly(
                        "Database did not answer in time, answered 503: the database did not answer within 600 ms",
                        "Database unavailable, answered 503: the database cannot be reached");
    }
}
