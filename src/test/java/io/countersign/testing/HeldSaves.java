package io.countersign.testing;

import io.countersign.shared.database.DatabaseProduct;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.junit.jupiter.SpringExtension;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * {@link HeldWrites} on the database of the test's application, on PostgreSQL or H2 as the test runs,
 * made before each test and closed after it, so that a test holding one save behind another needs
 * neither the beans nor the clean-up: register it with {@code @RegisterExtension} in a Spring test.
 */
public final class HeldSaves implements BeforeEachCallback, AfterEachCallback {

    private HeldWrites writes;

    @Override
    public void beforeEach(ExtensionContext context) {
        ApplicationContext application = SpringExtension.getApplicationContext(context);
        writes = new HeldWrites(
                application.getBean(JdbcClient.class),
                application.getBean(TransactionTemplate.class),
                application.getBean(DatabaseProduct.class));
    }

    @Override
    public void afterEach(ExtensionContext context) {
        writes.close();
    }

    /** As {@link HeldWrites#firstThenSecond(Runnable, Callable)}. */
    public <T> T firstThenSecond(Runnable first, Callable<T> second) throws Exception {
        return writes.firstThenSecond(first, second);
    }

    /** As {@link HeldWrites#firstThenSecond(Runnable, Runnable, Callable)}. */
    public <T> T firstThenSecond(Runnable first, Runnable thenFirst, Callable<T> second) throws Exception {
        return writes.firstThenSecond(first, thenFirst, second);
    }
}
