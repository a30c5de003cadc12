package io.countersign.web.logging;

import static org.assertj.core.api.Assertions.assertThat;

import io.countersign.security.CountersignPrincipal;
import io.countersign.shared.Channel;
import io.countersign.shared.Role;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * The caller goes into the log context as soon as security has authenticated them, so a call that
 * security itself refuses, or that no controller answers (the actuator's), names its caller too.
 */
@ExtendWith(OutputCaptureExtension.class)
class CallerLogFilterTests {

    @AfterEach
    void signOut() {
        SecurityContextHolder.clearContext();
    }

    @Test
    void aCallRefusedAfterAuthenticationNamesItsCaller(CapturedOutput output) throws Exception {
        answer("lb-caller-1", new CountersignPrincipal("auditor", Role.AUDITOR, Channel.API), 403);

        assertThat(output.getOut()).containsPattern("GET /api/v1/webhooks 403 \\d+ms id=lb-caller-1 user=auditor\\R");
    }

    @Test
    void aCallNobodyAuthenticatedStaysWithoutACaller(CapturedOutput output) throws Exception {
        answer("lb-caller-2", null, 401);

        assertThat(output.getOut()).containsPattern("GET /api/v1/webhooks 401 \\d+ms id=lb-caller-2 user=-\\R");
    }

    private static void answer(String callId, CountersignPrincipal caller, int status) throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/v1/webhooks");
        request.addHeader(CallIdFilter.HEADER, callId);
        MockHttpServletResponse response = new MockHttpServletResponse();
        new CallIdFilter(new LoggingProperties(true), "").doFilter(request, response, (req, res) -> {
            if (caller != null) {
                SecurityContextHolder.getContext()
                        .setAuthentication(new UsernamePasswordAuthenticationToken(
                                caller, null, List.of(new SimpleGrantedAuthority("ROLE_" + caller.role()))));
            }
            new CallerLogFilter()
                    .doFilter(req, res, (refused, answer) -> ((MockHttpServletResponse) answer).setStatus(status));
        });
    }
}
