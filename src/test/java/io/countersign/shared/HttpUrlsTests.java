package io.countersign.shared;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class HttpUrlsTests {

    private static List<String> issues(String url) {
        Problems problems = new Problems();
        HttpUrls.check(problems, url, "url");
        return problems.issues().stream().map(FieldIssue::code).toList();
    }

    @Test
    void anAbsoluteHttpOrHttpsAddressWithAHostPasses() {
        assertThat(issues("https://hooks.example.com/a?b=c")).isEmpty();
        assertThat(issues("http://127.0.0.1:8443/hook")).isEmpty();
    }

    @Test
    void aPortNoConnectionCanUseIsInvalid() {
        assertThat(issues("http://127.0.0.1:99999/hook")).containsExactly("invalid_url");
        assertThat(issues("http://127.0.0.1:0/hook")).containsExactly("invalid_url");
    }

    @Test
    void otherSchemesMissingHostsAndCredentialsAreRefused() {
        assertThat(issues("file:///etc/passwd")).containsExactly("invalid_url");
        assertThat(issues("https:///path")).containsExactly("invalid_url");
        assertThat(issues("https://user:secret@x.example/api")).containsExactly("credentials_in_url");
        assertThat(issues(null)).containsExactly("required");
    }
}
