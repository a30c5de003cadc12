package io.countersign.web.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.countersign.shared.database.DatabaseBusyException;
import io.countersign.shared.database.DatabaseUnavailableException;
import io.countersign.testing.Api;
import io.countersign.testing.MutableClock;
import jakarta.servlet.Filter;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/** The 503 written when the database fails before any controller runs, as every problem is labelled. */
class DatabaseOutageFilterTests {

    private final Filter filter = new DatabaseOutageFilter()
            .databaseOutageFilterRegistration(new UnavailableAnswers(new MutableClock()))
            .getFilter();

    @Test
    void anOutageBeforeAnyControllerIsAProblemDocumentWithoutACharsetParameter() throws Exception {
        for (String path : new String[] {"/api/v1/levels", DatabaseOutage.ACCESS_CHECK_PATH}) {
            MockHttpServletResponse response = new MockHttpServletResponse();

            filter.doFilter(new MockHttpServletRequest("GET", path), response, (request, answer) -> {
                throw new DatabaseUnavailableException("the database cannot be reached");
            });

            assertThat(response.getStatus()).as(path).isEqualTo(503);
            assertThat(response.getHeader("Retry-After")).as(path).isEqualTo("1");
            assertThat(response.getHeader("Content-Type")).as(path).isEqualTo("application/problem+json");
            assertThat(response.getContentAsString(StandardCharsets.UTF_8))
                    .as(path)
                    .contains("\"status\":503", "cannot reach its database");
        }
    }

    @Test
    void anOutageBeforeAnyControllerNamesThePathAsTheInstanceAsEveryProblemDoes() throws Exception {
        for (String path : new String[] {"/api/v1/levels", DatabaseOutage.ACCESS_CHECK_PATH, "/api/v1/x\"y"}) {
            MockHttpServletResponse response = new MockHttpServletResponse();

            filter.doFilter(new MockHttpServletRequest("GET", path), response, (request, answer) -> {
                throw new DatabaseUnavailableException("the database cannot be reached");
            });

            var problem = Api.JSON_READER.readTree(response.getContentAsString(StandardCharsets.UTF_8));
            assertThat(problem.get("instance").asString()).as(path).isEqualTo(path);
            assertThat(problem.get("title").asString()).isEqualTo("Service unavailable");
        }
        MockHttpServletResponse check = new MockHttpServletResponse();
        filter.doFilter(
                new MockHttpServletRequest("GET", DatabaseOutage.ACCESS_CHECK_PATH), check, (request, answer) -> {
                    throw new DatabaseUnavailableException("the database cannot be reached");
                });
        assertThat(Api.JSON_READER
                        .readTree(check.getContentAsString(StandardCharsets.UTF_8))
                        .get("allowed")
                        .asBoolean(true))
                .isFalse();
    }

    @Test
    void aCallThatFoundEveryConnectionInUseIsAnsweredBusyNotUnreachable() throws Exception {
        for (String path : new String[] {"/api/v1/levels", DatabaseOutage.ACCESS_CHECK_PATH}) {
            MockHttpServletResponse response = new MockHttpServletResponse();

            filter.doFilter(new MockHttpServletRequest("GET", path), response, (request, answer) -> {
                throw new DatabaseBusyException("every connection is in use", null);
            });

            assertThat(response.getStatus()).as(path).isEqualTo(503);
            assertThat(response.getHeader("Retry-After")).as(path).isEqualTo("1");
            var problem = Api.JSON_READER.readTree(response.getContentAsString(StandardCharsets.UTF_8));
            assertThat(problem.get("title").asString()).as(path).isEqualTo("Service busy");
            assertThat(problem.get("detail").asString()).as(path).contains("too busy");
        }
    }

    @Test
    void aDatabaseThatDidNotAnswerInTimeIsSaidSoNotCalledUnreachable() throws Exception {
        for (String path : new String[] {"/api/v1/levels", DatabaseOutage.ACCESS_CHECK_PATH}) {
            MockHttpServletResponse response = new MockHttpServletResponse();

            filter.doFilter(new MockHttpServletRequest("GET", path), response, (request, answer) -> {
                throw new DatabaseUnavailableException(
                        "the database did not answer within 600 ms", new TimeoutException());
            });

            assertThat(response.getStatus()).as(path).isEqualTo(503);
            assertThat(response.getHeader("Retry-After")).as(path).isEqualTo("1");
            var problem = Api.JSON_READER.readTree(response.getContentAsString(StandardCharsets.UTF_8));
            assertThat(problem.get("title").asString()).as(path).isEqualTo("Service unavailable");
            assertThat(problem.get("detail").asString())
                    .as(path)
                    .contains("did not answer in time (or cannot be reached)")
                    .doesNotContain("cannot reach its database");
        }
        MockHttpServletResponse call = new MockHttpServletResponse();
        filter.doFilter(new MockHttpServletRequest("GET", "/api/v1/levels"), call, (request, answer) -> {
            throw new DatabaseUnavailableException("the database did not answer within 600 ms", new TimeoutException());
        });
        assertThat(Api.JSON_READER
                        .readTree(call.getContentAsString(StandardCharsets.UTF_8))
                        .get("detail")
                        .asString())
                .isEqualTo("The service's database did not answer in time (or cannot be reached); nothing was"
                        + " changed. Try again shortly.");
    }
}
