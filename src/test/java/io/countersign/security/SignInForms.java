package io.countersign.security;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import io.countersign.testing.Api;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import tools.jackson.databind.JsonNode;

/**
 * Posts the sign-in form from a chosen client address, and reads what the audit trail holds about
 * the sign-ins from an address, for tests of sign-in refusals.
 */
final class SignInForms {

    private static final AtomicInteger ADDRESSES = new AtomicInteger();

    private final MockMvc mvc;
    private final Api api;

    SignInForms(MockMvc mvc, Api api) {
        this.mvc = mvc;
        this.api = api;
    }

    /** A client address no other test in the same application context signs in from. */
    static String uniqueAddress() {
        int n = ADDRESSES.incrementAndGet();
        return "198.51." + (n / 250) + "." + (n % 250 + 1);
    }

    ResultActions signIn(String username, String password, String fromAddress) throws Exception {
        return mvc.perform(post("/login")
                .param("username", username)
                .param("password", password)
                .with(csrf())
                .with(request -> {
                    request.setRemoteAddr(fromAddress);
                    return request;
                }));
    }

    /** The audit events of {@code action} from the address, newest first. */
    List<JsonNode> audited(String action, String fromAddress) {
        return api.asAdmin()
                .get("/api/v1/audit?limit=500&action=" + action)
                .expect(200)
                .json()
                .get("items")
                .valueStream()
                .filter(item -> fromAddress.equals(item.get("sourceAddress").asString()))
                .toList();
    }
}
