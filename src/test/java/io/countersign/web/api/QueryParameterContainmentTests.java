package io.countersign.web.api;

import static io.countersign.testing.Api.issues;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import io.countersign.testing.Api;
import io.countersign.testing.CountersignTest;
import java.net.URI;
import org.junit.jupiter.api.Test;

/**
 * Query parameters are checked like body fields and may be given once. Cursors are {@link
 * CursorContainmentTests}.
 */
@CountersignTest
class QueryParameterContainmentTests extends ContainmentTestBase {

    private Api.Response rawGet(String pathAndQuery) {
        try {
            var result = mvc.perform(get(URI.create(pathAndQuery)).header("Authorization", "Bearer " + Api.ADMIN_TOKEN))
                    .andReturn()
                    .getResponse();
            return new Api.Response(result.getStatus(), result.getContentAsString(), result.getContentType());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void queryParametersThatReachTheDatabaseOrComeBackAreCheckedToo() {
        assertThat(issues(rawGet("/api/v1/access/check?user=dev%00&resource=db&account=admin")
                        .expect(400)))
                .containsExactly("user:invalid_character");
        assertThat(issues(rawGet("/api/v1/requests?resource=db%1B%5B2J").expect(400)))
                .containsExactly("resource:invalid_character");
        assertThat(issues(rawGet("/api/v1/audit?actor=%00").expect(400))).containsExactly("actor:invalid_character");
        rawGet("/api/v1/users/" + "dev%1B").expect(400);
    }

    @Test
    void aQueryParameterGivenTwiceIsRefusedRatherThanOneOfItsValuesChosen() {
        assertThat(issues(
                        rawGet("/api/v1/requests?status=PENDING&status=PENDING").expect(400)))
                .containsExactly("status:repeated");
        assertThat(issues(rawGet("/api/v1/grants?active=true&active=false").expect(400)))
                .containsExactly("active:repeated");
        rawGet("/api/v1/requests?status=PENDING").expect(200);
    }
}
