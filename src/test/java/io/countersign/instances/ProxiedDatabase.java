package io.countersign.instances;

import static org.assertj.core.api.Assertions.assertThat;

import io.countersign.testing.PostgresDatabases;
import io.countersign.testing.TcpProxy;
import java.io.IOException;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A new PostgreSQL database that an instance reaches only through a relay the test can break, so that
 * the database goes away under a running instance as it does in an outage.
 */
record ProxiedDatabase(TcpProxy proxy, String url) {

    private static final Pattern HOST_PORT = Pattern.compile("^jdbc:postgresql://([^:/]+):?(\\d*)/");

    /** A new database, a relay in front of it, and the JDBC URL that goes through the relay. */
    static ProxiedDatabase create() throws IOException {
        String direct = PostgresDatabases.createDatabase(
                "cs_" + UUID.randomUUID().toString().replace("-", ""));
        Matcher hostPort = HOST_PORT.matcher(direct);
        assertThat(hostPort.find()).isTrue();
        TcpProxy proxy = TcpProxy.to(
                hostPort.group(1), hostPort.group(2).isEmpty() ? 5432 : Integer.parseInt(hostPort.group(2)));
        return new ProxiedDatabase(
                proxy, hostPort.replaceFirst("jdbc:postgresql://" + hostPort.group(1) + ":" + proxy.port() + "/"));
    }
}
