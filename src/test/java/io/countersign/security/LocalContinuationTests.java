package io.countersign.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Where sign-in goes on to: a path on this service, or the start page. */
class LocalContinuationTests {

    @Test
    void thePathAndQueryOfTheSavedAddressAreKeptWhateverHostItNamed() {
        assertThat(LocalContinuation.localPath("http://evil.example/requests/req-1?continue"))
                .isEqualTo("/requests/req-1?continue");
        assertThat(LocalContinuation.localPath("https://countersign.example:8443/approvals"))
                .isEqualTo("/approvals");
    }

    @Test
    void anythingThatCouldLeaveTheServiceGoesToTheStartPage() {
        for (String away : new String[] {
            "//evil.example/x",
            "/\\evil.example",
            "/%2F/evil.example",
            "/%2f%2fevil.example",
            "/%5Cevil.example",
            "/%252F%252Fevil.example",
            "javascript:alert(1)",
            "evil.example",
            "/requests%0D%0ALocation:%20http://evil.example",
            "/%zz",
            ""
        }) {
            assertThat(LocalContinuation.isLocal(away)).as(away).isFalse();
        }
        assertThat(LocalContinuation.localPath("http://host//evil.example/x")).isEqualTo("/");
        assertThat(LocalContinuation.localPath(null)).isEqualTo("/");
    }

    @Test
    void anOrdinaryPathIsLocal() {
        assertThat(LocalContinuation.isLocal("/requests/req-84a2?continue")).isTrue();
        assertThat(LocalContinuation.isLocal("/")).isTrue();
    }

    @Test
    void charactersBeyondAsciiArePercentEncodedAsUtf8() {
        assertThat(LocalContinuation.localPath("/\u200B/evil.example")).isEqualTo("/%E2%80%8B/evil.example");
        assertThat(LocalContinuation.localPath("/requests/req-\u00e9?q=\uD83D\uDD11"))
                .isEqualTo("/requests/req-%C3%A9?q=%F0%9F%94%91");
        assertThat(LocalContinuation.localPath("/requests/req-%C3%A9")).isEqualTo("/requests/req-%C3%A9");
    }

    @Test
    void aLoneSurrogateOrAWideSpaceIsNoPathAndGoesToTheStartPage() {
        assertThat(LocalContinuation.localPath("/requests/req-\uD83D")).isEqualTo("/");
        assertThat(LocalContinuation.localPath("/\u3000/evil.example")).isEqualTo("/");
    }
}
