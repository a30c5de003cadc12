package io.countersign.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.countersign.testing.Api;
import io.countersign.testing.TestClockConfiguration;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;
import tools.jackson.databind.JsonNode;

/**
 * A proxy on the local network is trusted to name the client in {@code X-Forwarded-For}; what it
 * names goes into the audit trail, so it must be an address. Text that is not one is refused and
 * changes nothing; an address with a port is recorded without it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureMockMvc
@ActiveProfiles("test")
@Import({TestClockConfiguration.class, Api.class})
class ForwardedClientAddressTests {

    @LocalServerPort
    int port;

    @Autowired
    Api api;

    private final HttpClient http = HttpClient.newHttpClient();

    private HttpResponse<String> createGroupVia(String forwardedFor, String name)
            throws IOException, InterruptedException {
        return http.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/groups"))
                        .header("Authorization", "Bearer " + Api.ADMIN_TOKEN)
                        .header("Content-Type", "application/json")
                        .header("X-Forwarded-For", forwardedFor)
                        .POST(HttpRequest.BodyPublishers.ofString(Api.json(Map.of("name", name))))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private String auditedSourceOf(String group) {
        JsonNode rows = api.asAdmin()
                .get("/api/v1/audit?action=group.created")
                .expect(200)
                .json()
                .get("items");
        for (JsonNode row : rows) {
            if (row.get("target").asString().equals("group:" + group)) {
                return row.get("sourceAddress").asString();
            }
        }
        throw new AssertionError("no group.created row for " + group);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
                "not-an-ip<script>",
                "999.1.1.1",
                "example.com",
                "1:2:3",
                "010.0.0.1",
                "203.0.113.9:99999"
            })
    void textThatNamesNoAddressIsRefusedAndChangesNothing(String forwardedFor) throws Exception {
        String group = Api.unique("proxied");

        HttpResponse<String> refused = createGroupVia(forwardedFor, group);

        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(refused.body())
                .contains("X-Forwarded-For is not an IP address")
                .doesNotContain(forwardedFor);
        assertThat(Api.JSON_READER.readTree(refused.body()).get("instance").asString())
                .isEqualTo("/api/v1/groups");
        assertThat(refused.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(refused.headers().firstValue("X-Frame-Options")).hasValue("DENY");
        assertThat(refused.headers().firstValue("Cache-Control").orElse("")).contains("no-store");
        api.asAdmin().get("/api/v1/groups/" + group).expect(404);
    }

    @Test
    void anAddressIsRecordedAsTheClientWithoutAPort() throws Exception {
        List<String> forwarded = List.of("203.0.113.9:4431", "2001:db8::7", "[2001:db8::8]:443", "198.51.100.4");
        List<String> recorded = List.of("203.0.113.9", "2001:db8::7", "2001:db8::8", "198.51.100.4");
        for (int i = 0; i < forwarded.size(); i++) {
            String group = Api.unique("proxied");

            assertThat(createGroupVia(forwarded.get(i), group).statusCode()).isEqualTo(201);

            assertThat(auditedSourceOf(group)).isEqualTo(recorded.get(i));
        }
    }

    @Test
    void oneClientIsRecordedInOneFormHoweverTheProxySpellsIt() throws Exception {
        // the audit is searched, and sign-in failures counted, by the address as text
        List<String> forwarded = List.of("2001:DB8:0:0:0:0:0:8", "[2001:db8:0::8]:443", "::ffff:198.51.100.4");
        List<String> recorded = List.of("2001:db8::8", "2001:db8::8", "198.51.100.4");
        for (int i = 0; i < forwarded.size(); i++) {
            String group = Api.unique("proxied");

            assertThat(createGroupVia(forwarded.get(i), group).statusCode()).isEqualTo(201);

            assertThat(auditedSourceOf(group)).as(forwarded.get(i)).isEqualTo(recorded.get(i));
        }
    }
}
