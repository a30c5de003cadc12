package io.countersign.web.pages;

import io.countersign.testing.SingleSignOnProvider;
import org.junit.jupiter.api.AfterAll;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Unusable provider ids, on H2. */
class UnusableProviderIdsTests extends UnusableProviderIdsTestBase {

    static final SingleSignOnProvider provider = new SingleSignOnProvider();
    static final int PORT = SingleSignOnProvider.freePort();

    @DynamicPropertySource
    static void singleSignOn(DynamicPropertyRegistry registry) {
        settings(registry, provider, PORT);
    }

    @AfterAll
    static void stopProvider() {
        provider.shutdown();
    }

    @Override
    SingleSignOnProvider provider() {
        return provider;
    }

    @Override
    String base() {
        return "http://localhost:" + PORT;
    }
}
