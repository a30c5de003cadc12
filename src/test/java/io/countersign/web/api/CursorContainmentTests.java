package io.countersign.web.api;

import static io.countersign.testing.Api.issues;
import static org.assertj.core.api.Assertions.assertThat;

import io.countersign.testing.Api;
import io.countersign.testing.CountersignTest;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A list reads only the cursors it handed out: garbage, crafted positions, another list's cursor or
 * one edited by hand are 400 {@code invalid_cursor}, never a server error or another page.
 */
@CountersignTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CursorContainmentTests {

    @Autowired
    Api api;

    Scene scene;

    @BeforeAll
    void scene() {
        scene = new Scene(api);
    }

    @Test
    void craftedCursorsAre400NeverServerErrors() {
        List<String> lists = List.of(
                "/api/v1/requests",
                "/api/v1/grants",
                "/api/v1/audit",
                "/api/v1/webhooks/" + scene.webhook + "/deliveries");
        for (String list : lists) {
            for (String cursor : craftedCursors()) {
                var answer = api.asAdmin()
                        .get(list + "?cursor=" + java.net.URLEncoder.encode(cursor, StandardCharsets.UTF_8));
                assertThat(answer.status()).as(list + " " + cursor).isEqualTo(400);
                assertThat(issues(answer)).as(list + " " + cursor).containsExactly("cursor:invalid_cursor");
            }
        }
    }

    @Test
    void aListReadsOnlyItsOwnCursorsAndNoneEditedByHand() {
        Map<String, String> cursors = new LinkedHashMap<>();
        for (String list : List.of("/api/v1/requests", "/api/v1/audit", "/api/v1/users")) {
            String next = api.asAdmin()
                    .get(list + "?limit=1")
                    .expect(200)
                    .json()
                    .get("nextCursor")
                    .asString();
            cursors.put(list, next);
            api.asAdmin().get(list + "?limit=1&cursor=" + next).expect(200);
        }
        List<String> lists =
                List.of("/api/v1/requests", "/api/v1/audit", "/api/v1/users", "/api/v1/grants", "/api/v1/breakglass");
        cursors.forEach((from, cursor) -> {
            for (String list : lists) {
                if (!list.equals(from)) {
                    var answer = api.asAdmin().get(list + "?cursor=" + cursor);
                    assertThat(issues(answer.expect(400)))
                            .as(from + " → " + list)
                            .containsExactly("cursor:invalid_cursor");
                }
            }
            String edited = (cursor.charAt(0) == 'A' ? "B" : "A") + cursor.substring(1);
            assertThat(issues(api.asAdmin().get(from + "?cursor=" + edited).expect(400)))
                    .as(from + " edited")
                    .containsExactly("cursor:invalid_cursor");
        });
    }

    @Test
    void anEmptyCursorOrLimitIsRefusedRatherThanReadAsLeftOut() {
        for (String list : List.of("/api/v1/requests", "/api/v1/grants", "/api/v1/audit", "/api/v1/users")) {
            assertThat(issues(api.asAdmin().get(list + "?cursor=").expect(400)))
                    .as(list)
                    .containsExactly("cursor:invalid_cursor");
            assertThat(issues(api.asAdmin().get(list + "?limit=").expect(400)))
                    .as(list)
                    .containsExactly("limit:invalid_value");
        }
    }

    static List<String> craftedCursors() {
        return List.of(
                base64("9223372036854775807.0.req-abcdefgh"),
                base64("31556889864403199.999999999.req-abcdefgh"),
                base64("-31557014167219200.0.req-abcdefgh"),
                base64("253402300800.0.req-abcdefgh"),
                base64("-62135596801.0.req-abcdefgh"),
                base64("1.9223372036854775807.req-abcdefgh"),
                base64("9223372036854775807.9223372036854775807.req-abcdefgh"),
                base64("1700000000.0"),
                base64("1700000000.0.req-abcdefgh.extra"),
                base64("1700000000.0.req\u0000abc"),
                base64("1700000000.0."),
                base64("before:99999999999999999999"),
                base64("before:-1"),
                base64("x"),
                "!!!not-base64!!!",
                "%%%",
                "a".repeat(1000),
                "-1",
                "0");
    }

    private static String base64(String raw) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }
}
