package io.countersign.web.api;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import io.countersign.testing.LoggedEvents;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.catalina.connector.ClientAbortException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A client that goes away while its answer is written (an audit export cancelled in the browser) is
 * no failure of the service: it is not logged as one, and nothing is answered, as nobody listens.
 */
class ClientGoneTests {

    private final ProblemResponses problems = new ProblemResponses(null, null);

    @RegisterExtension
    final LoggedEvents logged = LoggedEvents.of(ProblemResponses.class);

    @Test
    void aClientThatWentAwayIsNotAnError() {
        var gone = new UncheckedIOException(new ClientAbortException(new IOException("Broken pipe")));

        assertThat(problems.unexpected(gone)).isNull();

        assertThat(logged.list).noneMatch(event -> event.getLevel().isGreaterOrEqual(Level.WARN));
    }

    @Test
    void anyOtherFailureIsAnErrorAnswered500() {
        var answer = problems.unexpected(new IllegalStateException("a bug"));

        assertThat(answer.getStatusCode().value()).isEqualTo(500);
        assertThat(logged.list)
                .extracting(ILoggingEvent::getLevel, ILoggingEvent::getFormattedMessage)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(Level.ERROR, "Unexpected failure"));
    }
}
