package io.countersign.web.logging;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/**
 * In the plain log format the access line itself carries the call's id and actor, which a structured
 * line carries as fields of its own; an actor's name cannot break or forge the line.
 */
@ExtendWith(OutputCaptureExtension.class)
class PlainAccessLogTests {

    @Test
    void aPlainAccessLineNamesTheCallsIdAndActor(CapturedOutput output) throws Exception {
        answer(new CallIdFilter(new LoggingProperties(true), ""), "lb-7f3a-11", "alice");

        assertThat(output.getOut()).containsPattern("POST /api/v1/import 201 \\d+ms id=lb-7f3a-11 user=alice\\R");
    }

    @Test
    void anActorsNameIsEscapedSoThatItCannotForgeALine(CapturedOutput output) throws Exception {
        answer(new CallIdFilter(new LoggingProperties(true), ""), "lb-7f3a-12", "eve 200\nPOST /x 200 1ms id=x");

        assertThat(output.getOut())
                .containsPattern("POST /api/v1/import 201 \\d+ms id=lb-7f3a-12"
                        + " user=eve%20200%0APOST%20/x%20200%201ms%20id%3Dx\\R")
                .doesNotContain("\nPOST /x");
    }

    @Test
    void aCallWithoutAnActorSaysSo(CapturedOutput output) throws Exception {
        answer(new CallIdFilter(new LoggingProperties(true), ""), "lb-7f3a-13", null);

        assertThat(output.getOut()).containsPattern("POST /api/v1/import 201 \\d+ms id=lb-7f3a-13 user=-\\R");
    }

    @Test
    void aStructuredLineKeepsThemInItsFieldsOnly(CapturedOutput output) throws Exception {
        answer(new CallIdFilter(new LoggingProperties(true), "ecs"), "lb-7f3a-14", "alice");

        assertThat(output.getOut()).containsPattern("POST /api/v1/import 201 \\d+ms\\R");
    }

    private static void answer(CallIdFilter filter, String callId, String actor) throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/v1/import");
        request.addHeader(CallIdFilter.HEADER, callId);
        MockHttpServletResponse response = new MockHttpServletResponse();
        filter.doFilter(request, response, (req, res) -> {
            if (actor != null) {
                CallerLogContext.caller(actor);
            }
            ((MockHttpServletResponse) res).setStatus(201);
        });
    }
}
