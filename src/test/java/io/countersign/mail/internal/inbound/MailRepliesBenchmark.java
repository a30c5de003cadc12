package io.countersign.mail.internal.inbound;

import static org.awaitility.Awaitility.await;

import io.countersign.CountersignApplication;
import io.countersign.shared.ShortIds;
import io.countersign.testing.PostgresDatabases;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Approving by mail, measured against the whole application on a fresh PostgreSQL database and a
 * real IMAPS server: first a backlog of replies waiting in the folder when reading is turned on,
 * then the time from one reply's arrival in the folder to its decision, one reply at a time, with
 * the watcher in IDLE (its refresh left at the default 30 s, so polling cannot hide a slow IDLE). The
 * decider writes to the database as the application's does: it locks the token, marks it used and
 * records the decision. Arguments: the backlog size and the number of timed replies.
 */
public final class MailRepliesBenchmark {

    public static void main(String[] args) {
        int backlog = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        int timed = args.length > 1 ? Integer.parseInt(args[1]) : 200;
        String url = PostgresDatabases.createDatabase("cs_bench_mail_" + System.currentTimeMillis());
        try (TestMailbox mailbox = TestMailbox.start();
                ConfigurableApplicationContext context = new SpringApplicationBuilder(
                                CountersignApplication.class, MailTestConfiguration.class)
                        .run(
                                "--spring.datasource.url=" + url,
                                "--spring.datasource.username=",
                                "--spring.datasource.password=",
                                "--countersign.encryption-key=" + PostgresDatabases.ENCRYPTION_KEY,
                                "--server.port=0",
                                "--logging.level.root=warn")) {
            TestMailSettings settings = context.getBean(TestMailSettings.class);
            TokenTableDecider decider = context.getBean(TokenTableDecider.class);

            List<byte[]> replies = new ArrayList<>();
            for (int i = 0; i < backlog; i++) {
                replies.add(reply(decider, i % 3 == 0 ? "Reject, not now" : "Approve"));
            }
            for (int from = 0; from < replies.size(); from += 100) {
                mailbox.deliver(replies.subList(from, Math.min(from + 100, replies.size())));
            }
            long start = System.nanoTime();
            settings.reading(mailbox.endpoint());
            await().atMost(Duration.ofMinutes(5))
                    .pollInterval(Duration.ofMillis(50))
                    .until(() -> decider.decided() == backlog);
            double backlogSeconds = (System.nanoTime() - start) / 1e9;
            await().atMost(Duration.ofMinutes(1)).until(() -> mailbox.waiting() == 0);
            System.out.printf(
                    "backlog: %d replies decided in %.1f s (%.0f replies/s)%n",
                    backlog, backlogSeconds, backlog / backlogSeconds);

            List<Double> latencies = new ArrayList<>();
            for (int i = 0; i < timed; i++) {
                int before = decider.decided();
                byte[] message = reply(decider, "Approve");
                mailbox.deliver(message);
                long arrived = System.nanoTime();
                await().atMost(Duration.ofMinutes(1))
                        .pollInterval(Duration.ofMillis(5))
                        .until(() -> decider.decided() == before + 1);
                latencies.add((System.nanoTime() - arrived) / 1e6);
            }
            if (latencies.isEmpty()) {
                return;
            }
            Collections.sort(latencies);
            System.out.printf(
                    "arrival to decision with IDLE over %d replies: p50 %.0f ms, p95 %.0f ms, max %.0f ms%n",
                    timed, percentile(latencies, 50), percentile(latencies, 95), latencies.get(latencies.size() - 1));
        }
    }

    private static byte[] reply(TokenTableDecider decider, String firstLine) {
        String requestId = ShortIds.next("req");
        String token = MailboxWatcherTests.token();
        decider.issue(token, requestId, "lisa@example.com");
        return ReplyMail.answering(requestId, token, firstLine).bytes();
    }

    private static double percentile(List<Double> sorted, int percent) {
        int index = (int) Math.ceil(percent / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, index));
    }
}
