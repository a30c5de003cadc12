package io.countersign.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.mock.web.MockHttpServletRequest;

/** Every spelling of a decision link's address counts as one; nothing else does. */
class DecisionLinkPathsTests {

    @ParameterizedTest
    @ValueSource(
            strings = {
                "/actions/tok",
                "/actions/tok/",
                "/actions/tok;x",
                "/actions;x/tok",
                "/actions;tok",
                "/actions/;tok",
                "/actions//tok",
                "//actions/tok",
                "/./actions/tok",
                "/x/../actions/tok",
                "/x/%2e%2e/actions/tok",
                "/%61ctions/tok",
                "/%2561ctions/tok",
                "/ACTIONS/TOK",
                "/actions%2Ftok",
                "/actions%3Btok",
                "/actions/tok%zz",
                "/actions/tok/more",
                "/actions/tok/..",
                "/actions/tok/..;/",
                "/actions/tok/%2e%2e/",
                "/actions/tok/..;x",
                "/actions/tok/../..",
                "/actions/../requests/req-1"
            })
    void aDecisionLinkInAnySpellingIsOne(String path) {
        assertThat(DecisionLinkPaths.isDecisionLink(path)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "/actions",
                "/actions/",
                "/",
                "",
                "/approvals",
                "/actionsx/tok",
                "/act%2Fions/tok",
                "/api/v1/requests/req-1/actions/tok",
                "/actions/.",
                "/chat/telegram/ops/updates"
            })
    void noOtherAddressIs(String path) {
        assertThat(DecisionLinkPaths.isDecisionLink(path)).isFalse();
    }

    @Test
    void noPathIsNone() {
        assertThat(DecisionLinkPaths.isDecisionLink((String) null)).isFalse();
    }

    @Test
    void anErrorPageAnsweringADecisionLinkCountsAsOne() {
        MockHttpServletRequest error = new MockHttpServletRequest("GET", "/error");
        error.setServletPath("/error");
        error.setAttribute("jakarta.servlet.error.request_uri", "/actions/tok/");

        assertThat(DecisionLinkPaths.isDecisionLink(error)).isTrue();
        error.setAttribute("jakarta.servlet.error.request_uri", "/requests/req-1/");
        assertThat(DecisionLinkPaths.isDecisionLink(error)).isFalse();
    }

    @Test
    void aCallTheContainerResolvedToADecisionLinkCountsAsOne() {
        MockHttpServletRequest call = new MockHttpServletRequest("GET", "/x/..;/actions/tok");
        call.setServletPath("/actions/tok");

        assertThat(DecisionLinkPaths.isDecisionLink(call)).isTrue();
    }
}
