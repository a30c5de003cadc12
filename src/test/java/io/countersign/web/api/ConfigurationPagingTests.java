package io.countersign.web.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.countersign.testing.Api;
import io.countersign.testing.CountersignTest;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

/** Cursor pages and name prefixes on the lists of users, groups, resources, policies and webhooks. */
@CountersignTest
class ConfigurationPagingTests extends ConfigurationObjectsTestBase {

    private static String keyOf(String kind, JsonNode item) {
        return item.get(
                        switch (kind) {
                            case "users" -> "username";
                            case "webhooks" -> "id";
                            default -> "name";
                        })
                .asString();
    }

    private String prefixFor(String kind, String base) {
        return kind.equals("webhooks") ? "http://127.0.0.1:9/" + base : base;
    }

    @ParameterizedTest
    @ValueSource(strings = {"users", "groups", "resources", "policies", "webhooks"})
    void pagesFollowTheCursorThroughEveryItemWithThePrefixAndNoOther(String kind) {
        String base = Api.unique("pg" + kind.charAt(0)) + "-";
        List<String> created = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            created.add(create(kind, base + i));
        }
        create(kind, Api.unique("other"));

        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            String path = "/api/v1/" + kind + "?limit=2&prefix=" + prefixFor(kind, base)
                    + (cursor == null ? "" : "&cursor=" + cursor);
            JsonNode page = api.asAdmin().get(path).expect(200).json();
            assertThat(page.get("items").size()).isLessThanOrEqualTo(2);
            page.get("items").forEach(item -> seen.add(keyOf(kind, item)));
            cursor = page.get("nextCursor").isNull()
                    ? null
                    : page.get("nextCursor").asString();
            pages++;
        } while (cursor != null && pages < 10);

        assertThat(pages).isEqualTo(3);
        assertThat(seen).containsExactlyElementsOf(created.stream().sorted().toList());
    }

    @ParameterizedTest
    @ValueSource(strings = {"users", "groups", "resources", "policies", "webhooks"})
    void withoutLimitOrCursorTheListStaysAPlainArray(String kind) {
        String base = Api.unique("arr" + kind.charAt(0)) + "-";
        String mine = create(kind, base + "a");
        create(kind, Api.unique("else"));

        JsonNode all = api.asAdmin().get("/api/v1/" + kind).expect(200).json();
        JsonNode filtered = api.asAdmin()
                .get("/api/v1/" + kind + "?prefix=" + prefixFor(kind, base))
                .expect(200)
                .json();

        assertThat(all.isArray()).isTrue();
        assertThat(all.size()).isGreaterThan(1);
        assertThat(filtered.isArray()).isTrue();
        assertThat(filtered.size()).isEqualTo(1);
        assertThat(keyOf(kind, filtered.get(0))).isEqualTo(mine);
    }

    @Test
    void aPrefixIsLiteralEvenWithWildcardCharactersOfSql() {
        String base = Api.unique("lit");
        create("users", base + "_x");
        create("users", base + "ax");

        JsonNode page = api.asAdmin()
                .get("/api/v1/users?limit=10&prefix=" + base + "_")
                .expect(200)
                .json();

        assertThat(page.get("items").size()).isEqualTo(1);
        assertThat(page.get("items").get(0).get("username").asString()).isEqualTo(base + "_x");
    }

    @Test
    void aForgedCursorOrALimitOutOfRangeIsRefusedWithEveryIssue() {
        var answer = api.asAdmin().get("/api/v1/groups?limit=0&cursor=not-ours");

        assertThat(answer.status()).isEqualTo(400);
        List<String> fields = new ArrayList<>();
        answer.json().get("errors").forEach(e -> fields.add(e.get("field").asString()));
        assertThat(fields).containsExactlyInAnyOrder("limit", "cursor");
    }
}
