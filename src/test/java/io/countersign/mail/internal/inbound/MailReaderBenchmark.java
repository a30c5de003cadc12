package io.countersign.mail.internal.inbound;

import static org.awaitility.Awaitility.await;

import io.countersign.CountersignApplication;
import io.countersign.shared.ShortIds;
import io.countersign.testing.PostgresDatabases;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The reader alone, for scale beside {@link MailRepliesBenchmark}: the same backlog of replies in a
 * real IMAPS folder, read by the application's watcher on a fresh PostgreSQL database, but decided
 * by a stand-in that only locks and marks its reply code and records a row, so that the figure is
 * what fetching, parsing, recording and deleting cost without the decision path of a request.
 * Argument: the backlog size.
 */
public final class MailReaderBenchmark {

    public static void main(String[] args) {
        int backlog = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        String url = PostgresDatabases.createDatabase("cs_bench_reader_" + System.currentTimeMillis());
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
                String requestId = ShortIds.next("req");
                String token = MailboxWatcherFixture.token();
                decider.issue(token, requestId, "lisa@example.com");
                replies.add(ReplyMail.answering(requestId, token, i % 3 == 0 ? "Reject, not now" : "Approve")
                        .bytes());
            }
            for (int from = 0; from < replies.size(); from += 100) {
                mailbox.deliver(replies.subList(from, Math.min(from + 100, replies.size())));
            }
            System.out.println("load average before the stand-in backlog: " + LoadAverage.now());
            long start = System.nanoTime();
            settings.reading(mailbox.endpoint());
            await().atMost(Duration.ofMinutes(15))
                    .pollInterval(Duration.ofMillis(50))
                    .until(() -> decider.decided() == backlog);
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf(
                    "stand-in decider backlog: %d replies decided in %.1f s (%.0f replies/s), load average after: %s%n",
                    backlog, seconds, backlog / seconds, LoadAverage.now());
        }
    }
}
