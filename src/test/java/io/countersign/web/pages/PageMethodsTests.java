package io.countersign.web.pages;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/**
 * A method a page does not take is named as such, with the methods it does take, before the CSRF
 * check would call it "not allowed"; the methods it does take still need their token. The sign-in
 * page names the POST its form sends.
 */
class PageMethodsTests extends ServedPagesTestBase {

    @Test
    void aMethodAPageDoesNotTakeIsAnswered405NamingTheMethodsItTakes() {
        String admin = api.person("methods", "ADMIN", PASSWORD);
        Visitor browser = Visitor.signedIn(base, admin, PASSWORD);

        HttpResponse<String> delete = browser.ask("DELETE", base + "/profile");
        HttpResponse<String> put = browser.ask("PUT", base + "/admin/users/" + admin);

        assertThat(delete.statusCode()).isEqualTo(405);
        assertThat(delete.headers().firstValue("Allow")).hasValue("GET, HEAD, OPTIONS");
        assertThat(delete.body()).doesNotContain("Not allowed");
        assertThat(put.statusCode()).isEqualTo(405);
        assertThat(put.headers().firstValue("Allow")).hasValue("GET, HEAD, OPTIONS, POST");
        assertThat(api.asAdmin()
                        .get("/api/v1/users/" + admin)
                        .expect(200)
                        .json()
                        .get("active")
                        .asBoolean())
                .isTrue();
    }

    @Test
    void aMethodAPageTakesStillNeedsTheFormsToken() {
        String admin = api.person("tokenless", "ADMIN", PASSWORD);
        Visitor browser = Visitor.signedIn(base, admin, PASSWORD);

        HttpResponse<String> sent = browser.ask("POST", base + "/admin/users/" + admin + "/deactivate");

        assertThat(sent.statusCode()).isEqualTo(403);
        assertThat(api.asAdmin()
                        .get("/api/v1/users/" + admin)
                        .expect(200)
                        .json()
                        .get("active")
                        .asBoolean())
                .isTrue();
    }

    @Test
    void theSignInPageNamesThePostItsFormSends() {
        HttpResponse<String> options = new Visitor().ask("OPTIONS", base + "/login");

        assertThat(options.statusCode()).isEqualTo(200);
        assertThat(options.headers().firstValue("Allow"))
                .hasValueSatisfying(allow -> assertThat(allow).contains("GET", "POST"));
    }
}
