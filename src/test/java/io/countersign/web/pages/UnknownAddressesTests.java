package io.countersign.web.pages;

import static org.assertj.core.api.Assertions.assertThat;

import io.countersign.testing.Api;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Someone signed in who opens an address no page has is shown the "Not found" page with status 404,
 * whether the rules refused the address or let it through; a page their role may not open still
 * answers "Not allowed", and a visitor who is not signed in is still sent to sign in. A form the
 * service cannot read, or a page address whose query it cannot, is answered with a page that says so.
 * {@code HEAD} is a page's {@code GET} without its body, admitted and refused by the same rules, and
 * {@code OPTIONS} tells anyone signed in which methods an address takes.
 */
class UnknownAddressesTests extends ServedPagesTestBase {

    private Visitor signedIn(String role) {
        String name = api.person(role.toLowerCase(), role, PASSWORD);
        return Visitor.signedIn(base, name, PASSWORD);
    }

    @Test
    void anAddressNoPageHasShowsTheNotFoundPage() {
        Visitor user = signedIn("USER");
        Visitor admin = signedIn("ADMIN");

        // refused by the rules (nothing lists it) and let through (an administrator's /admin/…) alike
        for (var seen : new HttpResponse[] {
            user.open(base + "/no-such-page"),
            admin.open(base + "/no-such-page"),
            admin.open(base + "/admin/no-such-page")
        }) {
            assertThat(seen.statusCode()).as(seen.uri().toString()).isEqualTo(404);
            assertThat((String) seen.body())
                    .contains("<title>Not found", "There is nothing here", "My requests", "Sign out");
        }
    }

    @Test
    void aRequestOrUserThatDoesNotExistKeepsTheNavigationOfWhoeverIsSignedIn() {
        Visitor admin = signedIn("ADMIN");

        for (var seen : new HttpResponse[] {
            admin.open(base + "/requests/req-zzzzzzzzzzzzzzzz"), admin.open(base + "/admin/users/nobody")
        }) {
            assertThat(seen.statusCode()).as(seen.uri().toString()).isEqualTo(404);
            assertThat((String) seen.body()).as(seen.uri().toString()).contains("My requests", "Sign out");
        }
    }

    @Test
    void aPageTheRoleMayNotOpenIsStillNotAllowed() {
        HttpResponse<String> seen = signedIn("USER").open(base + "/admin/users");

        assertThat(seen.statusCode()).isEqualTo(403);
        assertThat(seen.body()).contains("<title>Not allowed");
    }

    @Test
    void theNotFoundAndNotAllowedPagesOfferTheSameMenuAsEveryOtherPage() {
        Visitor user = signedIn("USER");
        String menu = menu(user.open(base + "/").body());

        assertThat(menu).contains("href=\"/requests/new\"", "href=\"/breakglass\"");
        for (String address : List.of(
                "/no-such-page", "/admin/no-such-page", "/requests/req-zzzzzzzzzzzzzzzz", "/audit", "/admin/users")) {
            assertThat(menu(user.open(base + address).body())).as(address).isEqualTo(menu);
        }
    }

    /** The page's main navigation, where it marks no link as the current page. */
    private static String menu(String page) {
        int start = page.indexOf("<nav aria-label=\"Main\"");
        return page.substring(start, page.indexOf("</nav>", start)).replace(" aria-current=\"page\"", "");
    }

    @Test
    void aFormAddressOpenedWithTheWrongMethodSaysSoRatherThanNotAllowed() {
        HttpResponse<String> seen = signedIn("USER").open(base + "/requests/req-abcdefghjkmnpqrs/approve");

        assertThat(seen.statusCode()).isEqualTo(405);
        assertThat(seen.headers().firstValue("Allow"))
                .hasValueSatisfying(allow -> assertThat(allow).contains("POST"));
        assertThat(seen.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
        assertThat(seen.body()).doesNotContain("Not allowed");
    }

    @Test
    void anAdministratorsPageAddressAskedWithTheWrongMethodIsAPageToo() {
        HttpResponse<String> seen = signedIn("ADMIN").open(base + "/admin/channels/nobody/test");

        assertThat(seen.statusCode()).isEqualTo(405);
        assertThat(seen.headers().firstValue("Allow"))
                .hasValueSatisfying(allow -> assertThat(allow).contains("POST"));
        assertThat(seen.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
    }

    @Test
    void aSignInFormThatCannotBeReadIsAnsweredWithAReadablePage() {
        Visitor stranger = new Visitor();

        HttpResponse<String> seen = stranger.post(base + "/login", base + "/login", "username=admin&password=%zz");

        assertThat(seen.statusCode()).isEqualTo(400);
        assertThat(seen.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
        assertThat(seen.body())
                .contains("<title>Bad Request - Countersign")
                .contains("The form or the address could not be read")
                .doesNotContain("Whitelabel");
    }

    @Test
    void aPageAddressWhoseQueryCannotBeReadIsAnsweredWithAReadablePage() {
        Visitor admin = signedIn("ADMIN");

        for (String address : new String[] {"/requests?cursor=%ff", "/audit?actor=%ff"}) {
            HttpResponse<String> seen = admin.open(base + address);

            assertThat(seen.statusCode()).as(address).isEqualTo(400);
            assertThat(seen.headers().firstValue("Content-Type"))
                    .hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
            assertThat(seen.body())
                    .as(address)
                    .contains("<title>Bad Request - Countersign")
                    .contains("The form or the address could not be read");
        }
    }

    @Test
    void aFilterOrFieldThePageRefusesIsAnsweredWithAPageNamingIt() {
        Visitor admin = signedIn("ADMIN");
        String request = base + "/requests/req-abcdefghjkmnpqrs";

        Map<HttpResponse<String>, String> refusals = new LinkedHashMap<>();
        refusals.put(admin.open(base + "/audit/export"), "format");
        refusals.put(admin.open(base + "/audit/export?format=csv&from=bad"), "from");
        refusals.put(
                admin.post(base + "/", request + "/approve", "step=abc"),
                "step: must be a whole number (at most 2147483647); nothing was changed");
        refusals.forEach((seen, naming) -> {
            assertThat(seen.statusCode()).as(seen.uri().toString()).isEqualTo(400);
            assertThat(seen.headers().firstValue("Content-Type"))
                    .hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
            assertThat(seen.body())
                    .as(seen.uri().toString())
                    .contains("<title>Bad Request - Countersign", naming, "nothing was changed")
                    .doesNotContain("\"detail\"", "BOGUS", "&#39; is not");
        });
    }

    @Test
    void aScriptFetchingTheAuditExportIsToldWhichFilterIsWrongAsTheApiTellsIt() {
        Visitor admin = signedIn("ADMIN");

        Map<String, String> refusals = new LinkedHashMap<>();
        refusals.put("/audit/export?format=xml", "format:invalid_value:must be 'csv' or 'jsonl'");
        refusals.put("/audit/export?format=csv&from=garbage", "from:invalid_instant:must be a date and time");
        refusals.put("/audit/export?format=csv&actorr=v4lue", "actorr:unknown_parameter:is not a parameter");
        refusals.forEach((address, naming) -> {
            HttpResponse<String> seen = admin.ask("GET", base + address, "Accept", "*/*");
            assertThat(seen.statusCode()).as(address).isEqualTo(400);
            assertThat(seen.headers().firstValue("Content-Type"))
                    .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
            JsonNode problem = Api.JSON_READER.readTree(seen.body());
            assertThat(problem.get("detail").asString()).as(address).contains(naming.split(":")[0] + ": ");
            JsonNode issue = problem.get("errors").get(0);
            assertThat(issue.get("field").asString() + ":" + issue.get("code").asString() + ":"
                            + issue.get("message").asString())
                    .as(address)
                    .startsWith(naming);
            assertThat(seen.body()).doesNotContain("xml\"", "garbage", "v4lue");
        });
    }

    @Test
    void aFilterAListPageRefusesIsNamedAboveItsFormAsABadRequest() {
        Visitor admin = signedIn("ADMIN");

        Map<HttpResponse<String>, String> refusals = new LinkedHashMap<>();
        refusals.put(admin.open(base + "/requests?status=BOGUS"), "id=\"status-error\">must be one of");
        refusals.put(admin.open(base + "/audit?from=garbage"), "from");
        refusals.put(admin.open(base + "/breakglass?cursor=garbage"), "cursor");
        refusals.put(admin.open(base + "/breakglass?overdue=maybe"), "id=\"overdue-error\">must be true or false");
        refusals.forEach((seen, naming) -> {
            assertThat(seen.statusCode()).as(seen.uri().toString()).isEqualTo(400);
            assertThat(seen.headers().firstValue("Content-Type"))
                    .as(seen.uri().toString())
                    .hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
            assertThat(seen.body())
                    .as(seen.uri().toString())
                    .contains(naming)
                    .contains("<form")
                    .doesNotContain("&#39; is not");
        });
        assertThat(admin.open(base + "/requests?status=open").statusCode()).isEqualTo(200);
        assertThat(admin.open(base + "/breakglass?overdue=true").statusCode()).isEqualTo(200);
    }

    @Test
    void aParameterAListDoesNotTakeIsRefusedNamingTheOnesItTakes() {
        Visitor admin = signedIn("ADMIN");
        String takes = "is not a parameter of this page, which takes ";

        Map<String, String> refusals = new LinkedHashMap<>();
        refusals.put("/audit?actorr=v4lue", "actorr: " + takes + "action, actor, cursor, from, requestId, to, verify.");
        refusals.put("/audit/export?format=csv&actorr=v4lue", "actorr: " + takes + "action, actor, format, from,");
        refusals.put(
                "/requests?requestr=v4lue", "requestr: " + takes + "cursor, from, requester, resource, status, to.");
        refusals.put("/approvals?zzz=v4lue", "zzz: " + takes + "cursor.");
        refusals.put("/?zzz=v4lue&yyy", "zzz: " + takes + "cursor; yyy: " + takes + "cursor.");
        refusals.put("/breakglass?zzz=v4lue", "zzz: " + takes + "cursor, overdue.");
        refusals.put("/admin/users?name=v4lue", "name: " + takes + "cursor, q.");
        refusals.forEach((address, naming) -> {
            HttpResponse<String> seen = admin.open(base + address);
            assertThat(seen.statusCode()).as(address).isEqualTo(400);
            assertThat(seen.headers().firstValue("Content-Type"))
                    .hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
            assertThat(seen.body()).as(address).contains(naming).doesNotContain("v4lue");
            // a list names it above itself, its form kept; the export has no list to show, so a page says it
            if (address.startsWith("/audit/export")) {
                assertThat(seen.body()).as(address).contains("<title>Bad Request - Countersign");
            } else {
                assertThat(seen.body())
                        .as(address)
                        .contains("Nothing is listed: ", "<form")
                        .doesNotContain("Bad Request");
            }
        });
        assertThat(admin.open(base + "/audit?actor=admin&cursor=").statusCode()).isEqualTo(200);
    }

    @Test
    void signingInGoesOnToAFilteredListAsked() {
        String name = api.person("auditor", "AUDITOR", PASSWORD);
        Visitor returning = new Visitor();
        returning.open(base + "/audit?actor=" + name);

        HttpResponse<String> landed = returning.post(
                base + "/login", base + "/login", "username=" + name + "&password=" + PASSWORD.replace(' ', '+'));

        assertThat(landed.statusCode()).isEqualTo(200);
        assertThat(returning.visited()).last().hasToString(base + "/audit?actor=" + name + "&continue");
    }

    @Test
    void signingInWithAFormFromASessionThatEndedShowsTheSignInPageAgain() {
        HttpResponse<String> form = new Visitor().open(base + "/login");
        assertThat(form.body()).doesNotContain(";COUNTERSIGN_SESSION").doesNotContain(";jsessionid");
        Matcher token = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(form.body());
        assertThat(token.find()).isTrue();

        // the browser kept the form, but the session it was shown in is gone (expired, or a restart)
        for (String fields : new String[] {
            "_csrf=" + URLEncoder.encode(token.group(1), StandardCharsets.UTF_8) + "&username=admin&password=x",
            "username=admin&password=x"
        }) {
            Visitor returning = new Visitor();
            HttpResponse<String> seen = returning.submit(base + "/login", fields);

            assertThat(seen.statusCode()).isEqualTo(302);
            assertThat(seen.headers().firstValue("Location"))
                    .hasValueSatisfying(location -> assertThat(location).endsWith("/login?expired"));
            assertThat(returning.open(base + "/login?expired").body()).contains("Your session expired. Sign in again.");
        }
    }

    @Test
    void aSignInFromASessionThatEndedKeepsTheTypedUsernameEscapedButNeverThePassword() {
        Visitor returning = new Visitor();

        HttpResponse<String> seen = returning.submit(base + "/login", "username=lisa%3Cb%3E&password=kept+nowhere");

        assertThat(seen.headers().firstValue("Location"))
                .hasValueSatisfying(location -> assertThat(location).endsWith("/login?expired"));
        assertThat(returning.open(base + "/login?expired").body())
                .contains("Your session expired. Sign in again.", "value=\"lisa&lt;b&gt;\"")
                .doesNotContain("lisa<b>", "kept nowhere");
    }

    @Test
    void signOutTakesOnlyAPostWithItsToken() {
        Visitor user = signedIn("USER");

        HttpResponse<String> get = user.open(base + "/logout");
        assertThat(get.statusCode()).isEqualTo(405);
        assertThat(get.headers().firstValue("Allow")).hasValue("OPTIONS, POST");

        HttpResponse<String> options = user.ask("OPTIONS", base + "/logout");
        assertThat(options.statusCode()).isEqualTo(200);
        assertThat(options.headers().firstValue("Allow")).hasValue("OPTIONS, POST");
        assertThat(new Visitor().ask("OPTIONS", base + "/logout").statusCode())
                .as("nobody signed in is told")
                .isEqualTo(302);

        HttpResponse<String> tokenless = user.ask("POST", base + "/logout");
        assertThat(tokenless.statusCode()).isEqualTo(403);
        assertThat(tokenless.body()).contains("<title>Not allowed");
        assertThat(user.open(base + "/").statusCode()).isEqualTo(200);
    }

    @Test
    void theIconIsServedToAnyoneSoThatNoPageLogsAMissingOne() {
        HttpResponse<String> icon = new Visitor().open(base + "/favicon.ico");

        assertThat(icon.statusCode()).isEqualTo(200);
        assertThat(icon.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("image/"));
    }

    @Test
    void theErrorPageIsNoAddressOfItsOwn() {
        HttpResponse<String> signedIn = signedIn("USER").open(base + "/error");
        assertThat(signedIn.statusCode()).isEqualTo(404);
        assertThat(signedIn.body()).contains("<title>Not found");

        Visitor stranger = new Visitor();
        HttpResponse<String> notSignedIn = stranger.open(base + "/error");
        assertThat(stranger.visited().get(stranger.visited().size() - 1).getPath())
                .isEqualTo("/login");
        assertThat(notSignedIn.statusCode()).isEqualTo(200);
    }

    @Test
    void aVisitorWhoIsNotSignedInIsSentToSignIn() {
        Visitor stranger = new Visitor();
        HttpResponse<String> seen = stranger.open(base + "/no-such-page");

        assertThat(stranger.visited().get(stranger.visited().size() - 1).getPath())
                .isEqualTo("/login");
        assertThat(seen.statusCode()).isEqualTo(200);
    }

    @Test
    void headAnswersAsThePageWouldWithoutItsBody() {
        Visitor admin = signedIn("ADMIN");

        for (String page : new String[] {"/", "/requests", "/admin/users"}) {
            HttpResponse<String> get = admin.ask("GET", base + page);
            HttpResponse<String> head = admin.ask("HEAD", base + page);

            assertThat(get.statusCode()).as(page).isEqualTo(200);
            assertThat(get.body()).as(page).contains("<html");
            assertThat(head.statusCode()).as(page).isEqualTo(200);
            assertThat(head.body()).as(page).isEmpty();
            assertThat(head.headers().firstValue("Content-Type"))
                    .as(page)
                    .isEqualTo(get.headers().firstValue("Content-Type"));
        }
    }

    @Test
    void headIsRefusedWhereThePageIs() {
        Visitor user = signedIn("USER");

        assertThat(user.ask("HEAD", base + "/admin/users").statusCode()).isEqualTo(403);
        assertThat(user.ask("HEAD", base + "/no-such-page").statusCode()).isEqualTo(404);
        HttpResponse<String> stranger = new Visitor().ask("HEAD", base + "/requests");
        assertThat(stranger.statusCode()).isEqualTo(302);
        assertThat(stranger.headers().firstValue("Location"))
                .hasValueSatisfying(location -> assertThat(location).endsWith("/login"));
    }

    @Test
    void optionsTellsAnyoneSignedInWhichMethodsAnAddressTakes() {
        Visitor user = signedIn("USER");

        HttpResponse<String> form = user.ask("OPTIONS", base + "/requests/new");
        assertThat(form.statusCode()).isEqualTo(200);
        assertThat(form.headers().firstValue("Allow")).hasValue("GET, HEAD, OPTIONS, POST");
        // what an address takes, not what the role may do there: the same as the API's Allow
        assertThat(user.ask("OPTIONS", base + "/admin/users").statusCode()).isEqualTo(200);
        assertThat(user.ask("OPTIONS", base + "/no-such-page").statusCode()).isEqualTo(404);
        assertThat(new Visitor().ask("OPTIONS", base + "/requests/new").statusCode())
                .isEqualTo(302);
    }
}
