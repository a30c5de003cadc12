package io.countersign.web.pages.admin;

import static io.countersign.testing.Api.strings;
import static org.assertj.core.api.Assertions.assertThat;

import io.countersign.directory.Levels;
import io.countersign.shared.Actor;
import io.countersign.shared.Channel;
import io.countersign.shared.Role;
import io.countersign.shared.database.DatabaseProduct;
import io.countersign.testing.Api;
import io.countersign.testing.CountersignTest;
import io.countersign.testing.HeldWrites;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.util.HtmlUtils;

/**
 * The levels form saved while another save of the list, from a form opened at the same version or
 * through the API, is being written: the form waits for it and, the list having changed since it was
 * opened, saves nothing and says so, rather than failing or writing over the other change.
 * Runs on H2 here and on PostgreSQL in {@link SimultaneousLevelSavesOnPostgresTests}.
 */
@CountersignTest
class SimultaneousLevelSavesTests extends AdminPagesTestBase {

    private static final Actor ADMIN = new Actor("admin", Role.ADMIN, Channel.API, "127.0.0.1");
    private static final Pattern VERSION = Pattern.compile("name=\"version\" value=\"([^\"]*)\"");

    @Autowired
    Levels levels;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    DatabaseProduct product;

    private HeldWrites writes;

    @AfterEach
    void stopThreads() {
        if (writes != null) {
            writes.close();
        }
    }

    @Test
    void aFormSavedWhileAnotherSaveIsWrittenSavesNothing() throws Exception {
        List<String> before = someLevels();
        String opened = version();
        List<String> elsewhere = new ArrayList<>(before);
        elsewhere.add(Api.unique("elsewhere"));
        writes = new HeldWrites(jdbc, transactions, product);

        MockHttpServletResponse answer = writes.firstThenSecond(
                () -> levels.replace(ADMIN, elsewhere),
                () -> browsing.post(
                        admin,
                        "/admin/levels",
                        "version",
                        opened,
                        "levels",
                        String.join("\n", before) + "\n" + Api.unique("typed")));

        assertThat(answer.getStatus()).isEqualTo(409);
        assertThat(answer.getContentAsString())
                .contains("Nothing was saved: someone else changed the list of levels after this form was opened");
        assertThat(strings(api.asAdmin().get("/api/v1/levels").expect(200).json()))
                .containsExactlyElementsOf(elsewhere);
    }

    @Test
    void aListReplacedWhileALevelIsAddedIsTheListThatWasSent() throws Exception {
        List<String> before = someLevels();
        List<String> added = new ArrayList<>(before);
        added.add(Api.unique("added"));
        List<String> sent = new ArrayList<>(before);
        sent.add(Api.unique("sent"));
        writes = new HeldWrites(jdbc, transactions, product);

        writes.firstThenSecond(() -> levels.replace(ADMIN, added), () -> levels.replace(ADMIN, sent));

        // the second replaces the list as the first left it, as one sent after it would: the level
        // added meanwhile is removed, since nobody holds it yet
        assertThat(strings(api.asAdmin().get("/api/v1/levels").expect(200).json()))
                .containsExactlyElementsOf(sent);
    }

    /** The levels as they are, with one added when there are none, so that the list has rows to lock. */
    private List<String> someLevels() {
        List<String> levels =
                strings(api.asAdmin().get("/api/v1/levels").expect(200).json());
        if (!levels.isEmpty()) {
            return levels;
        }
        List<String> one = List.of(Api.unique("lowest"));
        api.asAdmin().put("/api/v1/levels", Api.json(one)).expect(200);
        return one;
    }

    private String version() throws Exception {
        Matcher version = VERSION.matcher(browsing.get(admin, "/admin/levels").getContentAsString());
        assertThat(version.find()).as("a version on the levels page").isTrue();
        return HtmlUtils.htmlUnescape(version.group(1));
    }
}
