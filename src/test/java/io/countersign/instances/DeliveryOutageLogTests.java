package io.countersign.instances;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import io.countersign.testing.Api;
import io.countersign.testing.MutableClock;
import io.countersign.testing.TcpProxy;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * The database goes away while a webhook delivery waits for a slow receiver: the delivery that cannot
 * record its attempt says so in one line, not with a stack trace of some 80 lines, and nor does
 * anything else logged meanwhile (the scheduler's polls; its heartbeats and completions are covered by
 * SchedulerOutageLogTests, since a delivery run no longer waits for its sends).
 */
@ExtendWith(OutputCaptureExtension.class)
class DeliveryOutageLogTests {

    TcpProxy proxy;
    Instance instance;
    HttpServer receiver;
    final AtomicInteger arrived = new AtomicInteger();
    final CountDownLatch answer = new CountDownLatch(1);

    @BeforeEach
    void start() throws Exception {
        ProxiedDatabase database = ProxiedDatabase.create();
        proxy = database.proxy();
        receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        receiver.createContext("/hook", exchange -> {
            arrived.incrementAndGet();
            try {
                // a receiver slow to answer: the delivery is in flight when the database goes away
                answer.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        receiver.start();
        instance = Instance.start(
                "delivery-outage",
                database.url(),
                new MutableClock(),
                "--spring.datasource.hikari.connection-timeout=1000",
                "--db-scheduler.heartbeat-interval=1s",
                "--countersign.notifications.delivery-interval=200ms",
                "--countersign.notify.webhooks.read-timeout=30s");
    }

    @AfterEach
    void stop() throws Exception {
        answer.countDown();
        Instance.closeAll(instance, proxy);
        receiver.stop(0);
    }

    @Test
    void anOutageDuringDeliveriesIsLoggedInOneLineEach(CapturedOutput output) {
        String requester = instance.user(Api.unique("dev"), "USER");
        String approver = Api.unique("lisa");
        instance.user(approver, "USER");
        String resource = instance.resourceReviewedBy(approver, "PT1H");
        instance.asAdmin(
                        "POST",
                        "/api/v1/webhooks",
                        Map.of(
                                "url",
                                "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook",
                                "events",
                                List.of("request.created"),
                                "secret",
                                "outage-secret-0123456789"))
                .expect(201);
        instance.post(requester, "/api/v1/requests", Map.of("resource", resource, "account", "admin"))
                .expect(201);
        await().dontCatchUncaughtExceptions().atMost(Duration.ofSeconds(20)).until(() -> arrived.get() > 0);
        int before = output.getOut().length();

        proxy.cut();
        // the scheduler's threads fail while the database is away (an uncaught failure of a pick among
        // them), so no wait here counts their errors: what counts is what the log says
        answer.countDown();
        await().dontCatchUncaughtExceptions()
                .atMost(Duration.ofSeconds(20))
                .until(() -> output.getOut().substring(before).contains("Could not record an attempt of delivery"));

        List<String> during = output.getOut().substring(before).lines().toList();
        assertThat(during)
                .filteredOn(line -> line.contains("Could not record an attempt of delivery"))
                .allMatch(line -> line.contains("the database cannot be reached"));
        assertThat(during).noneMatch(line -> line.startsWith("\tat "));
    }
}
