package io.countersign.web.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.countersign.testing.Api;
import io.countersign.testing.RawHttp;
import io.countersign.testing.TestClockConfiguration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpMethod;
import org.springframework.test.context.ActiveProfiles;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every problem document names its {@code type}, whoever writes it: a controller, the security filters
 * or the container's error answer.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureMockMvc
@ActiveProfiles("test")
@Import({TestClockConfiguration.class, Api.class})
class ProblemTypeTests {

    @Autowired
    Api api;

    @LocalServerPort
    int port;

    @Test
    void aControllersProblemsNameTheirType() {
        String resource = Api.unique("typed");
        api.asAdmin()
                .post(
                        "/api/v1/resources",
                        Api.json(Map.of("name", resource, "type", "database", "accounts", List.of("ro"))))
                .expect(201);
        String group = Api.unique("typed");
        api.asAdmin().post("/api/v1/groups", Api.json(Map.of("name", group))).expect(201);
        String etag = api.asAdmin().get("/api/v1/resources/" + resource).header("ETag");
        api.asAdmin()
                .put(
                        "/api/v1/resources/" + resource,
                        Api.json(Map.of("type", "database", "accounts", List.of("ro", "rw"))))
                .expect(200);

        Map<Integer, Api.Response> answers = Map.of(
                400, api.asAdmin().post("/api/v1/users", "{}"),
                404, api.asAdmin().get("/api/v1/users/" + Api.unique("nobody")),
                409, api.asAdmin().post("/api/v1/groups", Api.json(Map.of("name", group))),
                412, api.asAdmin().call(HttpMethod.DELETE, "/api/v1/resources/" + resource, null, "If-Match", etag),
                413, api.asAdmin().post("/api/v1/users", "{\"x\":\"" + "a".repeat(1_100_000) + "\"}"),
                422, api.asAdmin().post("/api/v1/requests", Api.json(Map.of("resource", resource, "account", "ro"))));

        answers.forEach((status, answer) -> {
            assertThat(answer.status()).as("%s", status).isEqualTo(status);
            assertThat(answer.contentType()).as("%s", status).startsWith("application/problem+json");
            assertThat(answer.json().get("type").asString()).as("%s", status).isEqualTo("about:blank");
        });
    }

    @Test
    void theFiltersAndTheContainersProblemsNameTheirTypeToo() throws Exception {
        List<RawHttp.Answer> answers = List.of(
                RawHttp.send(port, "GET", "/api/v1/requests"),
                RawHttp.send(port, "DELETE", "/api/v1/requests", "Authorization: Bearer " + Api.ADMIN_TOKEN),
                RawHttp.send(port, "GET", "/api/v1/internals", "Authorization: Bearer " + Api.ADMIN_TOKEN),
                RawHttp.send(port, "TRACE", "/api/v1/requests"),
                RawHttp.send(port, "GET", "/api/v1/users/a%2Fb", "Authorization: Bearer " + Api.ADMIN_TOKEN));

        for (RawHttp.Answer answer : answers) {
            JsonNode problem = JsonMapper.builder().build().readTree(answer.body());
            assertThat(problem.get("type").asString()).as(answer.headers()).isEqualTo("about:blank");
        }
    }

    /**
     * One field order, whoever writes the problem: the container before the service runs, the security
     * filters, or a controller after its operation ran. Extensions such as {@code errors} follow.
     */
    @Test
    void everyProblemWritesItsFieldsInOneOrder() throws Exception {
        String admin = "Authorization: Bearer " + Api.ADMIN_TOKEN;
        List<RawHttp.Answer> answers = List.of(
                RawHttp.send(port, "GET", "/api/v1/users;a=b", admin),
                RawHttp.send(port, "GET", "//api/v1/users", admin),
                RawHttp.send(port, "GET", "/api/v1/users/a%2Fb", admin),
                RawHttp.send(port, "TRACE", "/api/v1/users", admin),
                RawHttp.send(port, "GET", "/api/v1/users", admin, "X-Big: " + "a".repeat(9000)),
                RawHttp.send(port, "GET", "/api/v1/users"),
                RawHttp.send(port, "GET", "/api/v1/users/" + Api.unique("nobody"), admin),
                RawHttp.send(port, "GET", "/api/v1/users?limit=0x10", admin),
                RawHttp.sendBody(port, "POST", "/api/v1/users", "{}", admin, "Content-Type: application/json"));

        for (RawHttp.Answer answer : answers) {
            assertThat(answer.status()).as(answer.headers()).isBetween(400, 499);
            List<String> fields = new ArrayList<>();
            JsonMapper.builder().build().readTree(answer.body()).propertyNames().forEach(fields::add);
            assertThat(fields.subList(0, 4)).as(answer.body()).containsExactly("type", "title", "status", "detail");
            if (fields.contains("instance")) {
                assertThat(fields.indexOf("instance")).as(answer.body()).isEqualTo(4);
            }
        }
    }
}
