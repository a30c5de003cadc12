package io.countersign.mail.internal.inbound;

import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.store.MailFolder;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.countersign.CountersignApplication;
import io.countersign.mail.MailServers;
import io.countersign.mail.MailSettingsInput;
import io.countersign.mail.MailSettingsService;
import io.countersign.shared.Actor;
import io.countersign.shared.Channel;
import io.countersign.shared.Role;
import io.countersign.testing.PostgresDatabases;
import jakarta.mail.Flags;
import jakarta.mail.Multipart;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Approving by mail, measured end to end against the whole application on a fresh PostgreSQL
 * database, a real SMTP server and a real IMAPS server with a nested folder: requests made over
 * HTTP, their approval mails sent by the notification dispatcher, replies written from those mails
 * and filed into the folder, decided by the application's own decider (action tokens, sender and
 * address checks, the decision path of every request). First a backlog waiting in the folder when
 * "Approve by Mail" is switched on, then the time from one reply's arrival to its decision, one at a
 * time, with the watcher in IDLE (its refresh left at the default 30 s, so polling cannot hide a slow
 * IDLE). Arguments: the backlog size and the number of timed replies.
 */
public final class MailRepliesBenchmark {

    private static final String ADMIN_TOKEN = "bench-admin-token-0123456789abcdef";
    private static final Actor ADMIN = new Actor("admin", Role.ADMIN, Channel.API, null);
    private static final String FOLDER = "INBOX/" + MailServers.NESTED_FOLDER;
    private static final Pattern REQUEST_ID = Pattern.compile("#(req-[a-z0-9]+)");
    private static final Session PARSING = Session.getInstance(new Properties());
    private static final int SETUP_CLIENTS = 4;

    private final HttpClient http = HttpClient.newHttpClient();
    private final GreenMail mail;
    private final String base;
    private final MailSettingsService settings;
    private final JdbcClient jdbc;
    private final Map<String, MimeMessage> asked = new HashMap<>();

    private MailRepliesBenchmark(GreenMail mail, ConfigurableApplicationContext context) {
        this.mail = mail;
        this.base = "http://127.0.0.1:" + context.getEnvironment().getProperty("local.server.port");
        this.settings = context.getBean(MailSettingsService.class);
        this.jdbc = context.getBean(JdbcClient.class);
    }

    public static void main(String[] args) throws Exception {
        int backlog = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        int timed = args.length > 1 ? Integer.parseInt(args[1]) : 200;
        String url = PostgresDatabases.createDatabase("cs_bench_mail_" + System.currentTimeMillis());
        MailServers.certificate(); // installs the test certificate before the TLS server starts
        GreenMail mail = new GreenMail(MailServers.patient(
                        ServerSetup.dynamicPort(new ServerSetup[] {ServerSetupTest.SMTP, ServerSetupTest.IMAPS})))
                .withConfiguration(GreenMailConfiguration.aConfig()
                        .withUser(MailServers.MAILBOX, MailServers.LOGIN, MailServers.PASSWORD));
        mail.start();
        MailServers.createNestedFolder(mail);
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(CountersignApplication.class)
                .run(
                        "--spring.datasource.url=" + url,
                        "--spring.datasource.username=",
                        "--spring.datasource.password=",
                        "--countersign.encryption-key=" + PostgresDatabases.ENCRYPTION_KEY,
                        "--countersign.bootstrap.admin-token=" + ADMIN_TOKEN,
                        "--countersign.bootstrap.admin-password=bench-admin-password",
                        "--server.port=0",
                        "--logging.level.root=warn")) {
            new MailRepliesBenchmark(mail, context).run(backlog, timed);
        } finally {
            mail.stop();
        }
    }

    private void run(int backlog, int timed) throws Exception {
        approveByMail(true);
        String dev = user("dev");
        String devToken = token(dev);
        String lisa = user("lisa");
        post("/api/v1/resources", ADMIN_TOKEN, """
                {"name": "bench-db", "type": "database", "accounts": ["admin"]}""");
        post("/api/v1/policies", ADMIN_TOKEN, """
                {"name": "bench", "priority": 10, "conditions": {"resourceName": "bench-db"},
                 "steps": [{"requiredApprovals": 1, "approvers": [{"user": "%s"}]}]}""".formatted(lisa));

        long started = System.nanoTime();
        List<String> ids = requests(devToken, backlog);
        await().atMost(Duration.ofMinutes(20))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> {
                    collectMails();
                    return asked.keySet().containsAll(ids);
                });
        System.out.printf(
                "%d requests made and their approval mails sent in %.1f s%n",
                backlog, (System.nanoTime() - started) / 1e9);

        approveByMail(false);
        List<byte[]> replies = new ArrayList<>();
        for (int i = 0; i < ids.size(); i++) {
            replies.add(reply(asked.get(ids.get(i)), lisa, i % 3 == 0 ? "Reject, not now" : "Approve"));
        }
        file(replies);
        System.out.println("load average before the backlog: " + LoadAverage.now());
        long start = System.nanoTime();
        approveByMail(true);
        await().atMost(Duration.ofMinutes(15))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> decided(ids) == backlog);
        double backlogSeconds = (System.nanoTime() - start) / 1e9;
        System.out.printf(
                "backlog: %d replies decided in %.1f s (%.0f replies/s), load average after: %s%n",
                backlog, backlogSeconds, backlog / backlogSeconds, LoadAverage.now());

        List<Double> latencies = new ArrayList<>();
        for (int i = 0; i < timed; i++) {
            String id = request(devToken);
            await().atMost(Duration.ofMinutes(1))
                    .pollInterval(Duration.ofMillis(20))
                    .until(() -> {
                        collectMails();
                        return asked.containsKey(id);
                    });
            byte[] message = reply(asked.get(id), lisa, "Approve");
            file(List.of(message));
            long arrived = System.nanoTime();
            await().atMost(Duration.ofMinutes(1))
                    .pollInterval(Duration.ofMillis(5))
                    .until(() -> decided(List.of(id)) == 1);
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

    private void approveByMail(boolean on) {
        settings.update(
                ADMIN,
                new MailSettingsInput(
                        MailServers.plainSmtp(mail),
                        MailServers.imaps(mail, MailServers.PASSWORD, FOLDER),
                        on,
                        List.of(),
                        null));
    }

    private long decided(List<String> ids) {
        return jdbc.sql("select count(*) from access_requests where id in (:ids) and status <> 'PENDING'")
                .param("ids", ids)
                .query(Long.class)
                .single();
    }

    /** The approval mails received so far, by the request they ask about. */
    private void collectMails() throws Exception {
        for (MimeMessage message : mail.getReceivedMessages()) {
            Matcher matcher = REQUEST_ID.matcher(message.getSubject());
            if (message.getSubject().contains("Access Approval Notification") && matcher.find()) {
                asked.putIfAbsent(matcher.group(1), message);
            }
        }
    }

    private static byte[] reply(MimeMessage asked, String from, String firstLine) throws Exception {
        String original = "";
        Multipart parts = (Multipart) asked.getContent();
        for (int i = 0; i < parts.getCount(); i++) {
            if (parts.getBodyPart(i).isMimeType("text/plain")) {
                original = ((String) parts.getBodyPart(i).getContent()).replace("\n", "\n> ");
            }
        }
        return ReplyMail.answering("", "", "")
                .from(from + "@example.com")
                .to(asked.getReplyTo()[0].toString())
                .subject("Re: " + asked.getSubject())
                .inReplyTo(asked.getMessageID())
                .text(firstLine + "\n\nCountersign wrote:\n> " + original)
                .bytes();
    }

    private void file(List<byte[]> replies) throws Exception {
        MailFolder folder = MailServers.nestedFolder(mail);
        for (byte[] reply : replies) {
            folder.appendMessage(new MimeMessage(PARSING, new ByteArrayInputStream(reply)), new Flags(), new Date());
        }
    }

    private String user(String name) throws Exception {
        post("/api/v1/users", ADMIN_TOKEN, """
                {"username": "%s", "email": "%s@example.com"}""".formatted(name, name));
        return name;
    }

    private String token(String user) throws Exception {
        String body = post("/api/v1/users/" + user + "/tokens", ADMIN_TOKEN, "{\"name\": \"bench\"}");
        Matcher matcher = Pattern.compile("\"token\"\\s*:\\s*\"([^\"]+)\"").matcher(body);
        if (!matcher.find()) {
            throw new IllegalStateException("no token in " + body);
        }
        return matcher.group(1);
    }

    /** Makes the backlog's requests on a few connections at once: setup, not what is measured. */
    private List<String> requests(String token, int count) throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(SETUP_CLIENTS);
        try {
            List<Future<String>> made = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                made.add(clients.submit(() -> request(token)));
            }
            List<String> ids = new ArrayList<>();
            for (Future<String> one : made) {
                ids.add(one.get());
            }
            return ids;
        } finally {
            clients.shutdown();
        }
    }

    private String request(String token) throws Exception {
        String body = post("/api/v1/requests", token, """
                {"resource": "bench-db", "account": "admin", "duration": "PT1H"}""");
        Matcher matcher = Pattern.compile("\"id\"\\s*:\\s*\"(req-[^\"]+)\"").matcher(body);
        if (!matcher.find()) {
            throw new IllegalStateException("no request id in " + body);
        }
        return matcher.group(1);
    }

    private String post(String path, String token, String json) throws Exception {
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(URI.create(base + path))
                        .header("Authorization", "Bearer " + token)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(json))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException(path + " answered " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }

    private static double percentile(List<Double> sorted, int percent) {
        int index = (int) Math.ceil(percent / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, index));
    }
}
