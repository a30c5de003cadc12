package io.countersign.mail.internal.inbound;

import io.countersign.mail.internal.inbound.ReplyProcessor.Result;
import io.countersign.shared.LoggedText;
import jakarta.mail.Message;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Settles one fetched batch of the reply folder: decides its new messages on a few threads of its own
 * ({@code countersign.mail.decision-threads}), each message in its own transaction as {@link
 * ReplyProcessor} applies it, then deletes every settled message in one command. The messages of a
 * batch are independent: two replies about one request meet at that request's row lock, as two
 * approvers deciding from the web do, and a message's record ({@link ProcessedReplies#claim}) still
 * lets only one reading of it apply. Part of each decision is waiting on the database (the request
 * lock, the commit, the audit seal after it); a few at once overlap those waits, which helps as long
 * as the CPU is not already saturated (see ADR 0022).
 */
@Component
class ReplyDecisions implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(ReplyDecisions.class);
    /** How long stopping waits for the decisions under way, which then commit or roll back whole. */
    private static final long STOP_WAIT_SECONDS = 10;

    private record Letter(Message message, String key, byte[] raw) {}

    private final ReplyProcessor processor;
    private final ObjectProvider<RefusalReplies> refusals;
    private final ExecutorService pool;

    ReplyDecisions(
            ReplyProcessor processor, ObjectProvider<RefusalReplies> refusals, InboundMailProperties properties) {
        this.processor = processor;
        this.refusals = refusals;
        AtomicInteger counter = new AtomicInteger();
        this.pool = Executors.newFixedThreadPool(Math.max(1, properties.decisionThreads()), task -> {
            Thread thread = new Thread(task, "mail-reply-decider-" + counter.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * Decides the batch's new messages, answers the refused ones, and deletes every message that was
     * decided now or before. A message whose decision failed stays for the next pass, and the failure
     * is thrown once the others are deleted, ending the pass as a lost connection would.
     */
    void settle(
            MailboxConnection open, List<Message> batch, InboundSettings settings, MailboxWatcher.BeforeDelete before)
            throws Exception {
        open.prefetch(batch);
        List<Letter> letters = new ArrayList<>(batch.size());
        for (Message message : batch) {
            letters.add(new Letter(message, open.key(message), null));
        }
        Set<String> processed =
                processor.alreadyProcessed(letters.stream().map(Letter::key).toList());
        List<Letter> fresh = new ArrayList<>(batch.size());
        for (Letter letter : letters) {
            if (!processed.contains(letter.key())) {
                fresh.add(new Letter(letter.message(), letter.key(), open.read(letter.message())));
            }
        }
        Map<Message, Decided> outcomes = decide(fresh, settings);
        List<Message> done = new ArrayList<>(batch.size());
        RuntimeException failure = null;
        try {
            for (Message message : batch) {
                Decided outcome = outcomes.get(message);
                if (outcome != null && outcome.failure() != null) {
                    failure = failure == null ? outcome.failure() : failure;
                    continue;
                }
                if (outcome != null) {
                    answer(outcome.result());
                }
                before.run(message);
                done.add(message);
            }
        } finally {
            open.delete(done);
        }
        if (failure != null) {
            throw failure;
        }
    }

    /** What became of one message: its result, or why it stays in the folder. */
    private record Decided(Result result, RuntimeException failure) {}

    private Map<Message, Decided> decide(List<Letter> letters, InboundSettings settings) throws InterruptedException {
        Map<Message, Decided> outcomes = new IdentityHashMap<>();
        // A message filed twice in one batch is decided once the first copy has committed, so that the
        // second finds its record instead of racing an uncommitted one.
        List<Letter> first = new ArrayList<>(letters.size());
        List<Letter> copies = new ArrayList<>();
        Set<String> keys = new HashSet<>();
        for (Letter letter : letters) {
            (keys.add(letter.key()) ? first : copies).add(letter);
        }
        run(first, settings, outcomes);
        run(copies, settings, outcomes);
        return outcomes;
    }

    private void run(List<Letter> letters, InboundSettings settings, Map<Message, Decided> outcomes)
            throws InterruptedException {
        List<Callable<Decided>> tasks = new ArrayList<>(letters.size());
        for (Letter letter : letters) {
            tasks.add(() -> decideOne(letter, settings));
        }
        var results = pool.invokeAll(tasks);
        for (int i = 0; i < letters.size(); i++) {
            try {
                outcomes.put(letters.get(i).message(), results.get(i).get());
            } catch (ExecutionException impossible) {
                // decideOne returns every failure; nothing else can escape it
                outcomes.put(letters.get(i).message(), new Decided(null, new IllegalStateException(impossible)));
            }
        }
    }

    private Decided decideOne(Letter letter, InboundSettings settings) {
        try {
            return new Decided(processor.process(letter.key(), letter.raw(), settings), null);
        } catch (RuntimeException failed) {
            return new Decided(null, failed);
        }
    }

    private void answer(Result result) {
        RefusalReplies replies = refusals.getIfAvailable();
        if (result.answer() == null || replies == null) {
            return;
        }
        try {
            replies.send(result.answer());
        } catch (RuntimeException e) {
            log.warn(
                    "Could not tell {} why a reply was refused: {}",
                    LoggedText.printable(result.answer().to(), ReplyParser.MAX_ADDRESS),
                    e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()));
        }
    }

    @Override
    public void destroy() throws InterruptedException {
        pool.shutdown();
        pool.awaitTermination(STOP_WAIT_SECONDS, TimeUnit.SECONDS);
    }
}
