package io.countersign.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.apache.coyote.AbstractProtocol;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.Ssl;

/** A check listener that cannot work as configured stops the start with a message that says why. */
class CheckListenerConfigurationTests {

    @Test
    void aPortOutsideTheRangeOrTooFewThreadsAreRefused() {
        assertThatThrownBy(() -> new CheckListenerProperties(-1, 8))
                .isInstanceOf(InvalidConfigurationPropertyValueException.class)
                .hasMessageContaining(
                        "COUNTERSIGN_CHECK_PORT (countersign.check-listener.port) must be between 1 and 65535");
        assertThatThrownBy(() -> new CheckListenerProperties(65_536, 8)).hasMessageContaining("COUNTERSIGN_CHECK_PORT");
        assertThatThrownBy(() -> new CheckListenerProperties(8081, 0))
                .isInstanceOf(InvalidConfigurationPropertyValueException.class)
                .hasMessageEndingWith(
                        "COUNTERSIGN_CHECK_THREADS (countersign.check-listener.threads) must be between 1 and 200.");
        assertThat(new CheckListenerProperties(null, 8).enabled()).isFalse();
    }

    @Test
    void theMainPortCannotBeTheCheckListenersToo() {
        TomcatServletWebServerFactory factory = new TomcatServletWebServerFactory(8080);

        assertThatThrownBy(() -> new CheckListener(new CheckListenerProperties(8080, 8)).customize(factory))
                .isInstanceOf(InvalidConfigurationPropertyValueException.class)
                .hasMessageContaining("COUNTERSIGN_CHECK_PORT must differ from COUNTERSIGN_PORT");
        assertThat(factory.getAdditionalConnectors()).isEmpty();
    }

    @Test
    void aMainPortWithTlsIsNotPairedWithAPlainOne() {
        TomcatServletWebServerFactory factory = new TomcatServletWebServerFactory(8443);
        Ssl ssl = new Ssl();
        ssl.setEnabled(true);
        factory.setSsl(ssl);

        assertThatThrownBy(() -> new CheckListener(new CheckListenerProperties(8081, 8)).customize(factory))
                .hasMessageContaining("terminate TLS in front of both");
        assertThat(factory.getAdditionalConnectors()).isEmpty();
    }

    @Test
    void theListenerTakesTheMainPortsSettingsAndItsOwnThreads() {
        TomcatServletWebServerFactory factory = new TomcatServletWebServerFactory(8080);
        factory.addConnectorCustomizers(connector -> connector.setMaxPostSize(1234));
        factory.addProtocolHandlerCustomizers(handler -> ((AbstractProtocol<?>) handler).setMaxThreads(200));

        new CheckListener(new CheckListenerProperties(8081, 3)).customize(factory);

        assertThat(factory.getAdditionalConnectors()).singleElement().satisfies(connector -> {
            assertThat(connector.getPort()).isEqualTo(8081);
            assertThat(connector.getMaxPostSize()).isEqualTo(1234);
            assertThat(((AbstractProtocol<?>) connector.getProtocolHandler()).getMaxThreads())
                    .isEqualTo(3);
        });
        assertThat(new CheckListener(new CheckListenerProperties(null, 8))).satisfies(off -> {
            TomcatServletWebServerFactory plain = new TomcatServletWebServerFactory(8080);
            off.customize(plain);
            assertThat(plain.getAdditionalConnectors()).isEmpty();
            assertThat(off.port()).isEqualTo(-1);
        });
    }
}
