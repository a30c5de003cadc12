package io.countersign.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.tomcat.ConnectorStartFailedException;
import org.springframework.boot.web.server.PortInUseException;
import org.springframework.context.ApplicationContextException;
import org.springframework.mock.env.MockEnvironment;

/** A port taken only once Tomcat binds it, after the early look, is still reported by its variable. */
class BusyPortFailureAnalyzerTests {

    private final BusyPortFailureAnalyzer analyzer = new BusyPortFailureAnalyzer(new MockEnvironment()
            .withProperty("server.port", "18080")
            .withProperty("countersign.check-listener.port", "18081"));

    @Test
    void aCheckListenerTomcatCouldNotStartIsReportedWithItsVariable() {
        FailureAnalysis analysis = analyzer.analyze(new ApplicationContextException(
                "Failed to start bean 'webServerStartStop'", new ConnectorStartFailedException(18081)));

        assertThat(analysis).isNotNull();
        assertThat(analysis.getDescription())
                .isEqualTo("COUNTERSIGN_CHECK_PORT (countersign.check-listener.port) is 18081, but the service could"
                        + " not listen there: the port was already in use.");
        assertThat(analysis.getAction())
                .contains("Stop the process that listens on port 18081")
                .contains("set COUNTERSIGN_CHECK_PORT to a port that is free on this host")
                .doesNotContain("database");
    }

    @Test
    void aMainPortInUseIsReportedWithItsVariable() {
        FailureAnalysis analysis = analyzer.analyze(new PortInUseException(18080));

        assertThat(analysis.getDescription()).startsWith("COUNTERSIGN_PORT (server.port) is 18080");
    }

    @Test
    void aPortNoSettingNamesIsLeftToSpringBootsReport() {
        assertThat(analyzer.analyze(new ConnectorStartFailedException(9999))).isNull();
        assertThat(analyzer.analyze(new IllegalStateException("something else")))
                .isNull();
    }
}
