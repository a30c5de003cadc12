package io.countersign.web.pages.admin;

import static io.countersign.testing.Api.strings;
import static org.assertj.core.api.Assertions.assertThat;

import io.countersign.directory.Levels;
import io.countersign.shared.Actor;
import io.countersign.shared.Channel;
import io.countersign.shared.Role;
import io.countersign.testing.Api;
import io.countersign.testing.CountersignTest;
import io.countersign.testing.HeldSaves;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpServletResponse;

/**
 * The levels form saved while another save of the list, from a form opened at the same version or
 * through the API, is being written: the form waits for it and, the list having changed since it was
 * opened, saves nothing and says so, rather than failing or writing over the other change.
 * Runs on H2 here and on PostgreSQL in {@link SimultaneousLevelSavesOnPostgresTests}.
 */
@CountersignTest
class SimultaneousLevelSavesTests extends AdminPagesTestBase {

    private static final Actor ADMIN = new Actor("admin", Role.ADMIN, Channel.API, "127.0.0.1");

    @RegisterExtension
    final HeldSaves saves = new HeldSaves();

    @Autowired
    Levels levels;

    @Test
    void aFormSavedWhileAnotherSaveIsWrittenSavesNothing() throws Exception {
        List<String> before = someLevels();
        String opened = browsing.version(admin, "/admin/levels");
        List<String> elsewhere = new ArrayList<>(before);
        elsewhere.add(Api.unique("elsewhere"));

        MockHttpServletResponse answer = saves.firstThenSecond(
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
        saves.firstThenSecond(() -> levels.replace(ADMIN, added), () -> levels.replace(ADMIN, sent));

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
}
