package io.countersign.web.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.countersign.testing.Api;
import io.countersign.testing.CountersignTest;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;

/**
 * {@code If-None-Match: *} on a read of one object fails wherever the object exists (RFC 9110, 13.1.2),
 * so the read answers 304 without a body, whether or not the object carries a version; where it does
 * not exist the read answers its own 404. A listed tag names no version of an object without versions,
 * so it holds.
 */
@CountersignTest
class IfNoneMatchOnReadsTests {

    @Autowired
    Api api;

    @Test
    void aStarOnAReadOfAnExistingObjectWithoutAVersionAnswersNotModified() {
        Scene scene = new Scene(api);

        for (String path : List.of(
                "/api/v1/requests/" + scene.pendingRequest,
                "/api/v1/requests/" + scene.grantedRequest + "?wait=30",
                "/api/v1/grants/" + scene.grant,
                "/api/v1/settings/mail",
                "/api/v1/users/" + scene.dev)) {
            Api.Response read = api.asAdmin().call(HttpMethod.GET, path, null, "If-None-Match", "*");

            assertThat(read.status()).as(path).isEqualTo(304);
            assertThat(read.body()).as(path).isEmpty();
        }
    }

    @Test
    void aStarOnAReadOfAnObjectThatDoesNotExistAnswersItsNotFound() {
        Api.Response read =
                api.asAdmin().call(HttpMethod.GET, "/api/v1/requests/req-absent", null, "If-None-Match", "*");

        assertThat(read.status()).isEqualTo(404);
    }

    @Test
    void aTagOnAReadOfAnObjectWithoutAVersionHoldsAndTheObjectIsAnswered() {
        Scene scene = new Scene(api);

        Api.Response read = api.asAdmin()
                .call(HttpMethod.GET, "/api/v1/requests/" + scene.pendingRequest, null, "If-None-Match", "\"1-1\"");

        assertThat(read.status()).isEqualTo(200);
        assertThat(read.json().get("id").asString()).isEqualTo(scene.pendingRequest);
    }
}
