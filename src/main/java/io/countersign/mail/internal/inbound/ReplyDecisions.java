package io.countersign.mail.internal.inbound;

import io.countersign.mail.internal.inbound.ReplyProcessor.Result;
import io.countersign.shared.LoggedText;
import jakarta.mail.Message;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
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
 * ReplyProcessor} applies it, then deletes every settled message in one command. Replies about one
 * request are decided one after another in the order the folder holds them (the order the mailbox
 * received them, which is IMAP UID order), so that of an approver's two replies with one single-use
 * reply code the first sent counts; replies about different requests are independent and decided at
 * once. Part of each decision is waiting on the database (the request lock, the commit, the audit
 * seal after it); a few at once overlap those waits, which helps as long as the CPU is not already
 * saturated (see ADR 0022).
 */
@Component
class ReplyDecisions implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(ReplyDecisions.class);
    /** How long stopping waits for the decisions under way, which then commit or roll back whole. */
    private static final long STOP_WAIT_SECONDS = 10;

    private record Letter(Message message, String key, Reading reading) {}

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
                Reading reading = processor.read(open.read(letter.message()), settings);
                fresh.add(new Letter(letter.message(), letter.key(), reading));
            }
        }
        Map<Message, Decided> outcomes = decide(fresh);
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

    private Map<Message, Decided> decide(List<Letter> letters) throws InterruptedException {
        Map<String, List<Letter>> queues = new LinkedHashMap<>();
        for (Letter letter : letters) {
            queues.computeIfAbsent(queueOf(letter), queue -> new ArrayList<>()).add(letter);
        }
        List<Callable<List<Decided>>> tasks = new ArrayList<>(queues.size());
        for (List<Letter> queue : queues.values()) {
            tasks.add(() -> decideInTurn(queue));
        }
        var results = pool.invokeAll(tasks);
        Map<Message, Decided> outcomes = new IdentityHashMap<>();
        int i = 0;
        for (List<Letter> queue : queues.values()) {
            List<Decided> decided;
            try {
                decided = results.get(i++).get();
            } catch (ExecutionException impossible) {
                // decideInTurn returns every failure; nothing else can escape it
                Decided failed = new Decided(null, new IllegalStateException(impossible));
                decided = Collections.nCopies(queue.size(), failed);
            }
            for (int j = 0; j < queue.size(); j++) {
                outcomes.put(queue.get(j).message(), decided.get(j));
            }
        }
        return outcomes;
    }

    /**
     * The replies that must be decided one after another. A reply code decides only the request the
     * reply names, so replies about one request share a queue; so do copies of one message filed twice,
     * the second then finding the first's committed record instead of racing an uncommitted one.
     */
    private static String queueOf(Letter letter) {
        String requestId = letter.reading().requestId();
        return requestId != null ? "request " + requestId : "message " + letter.key();
    }

    /**
     * Decides the replies in their order. Once one stays in the folder, so do those after it: decided
     * now, a later reply would take the place of an earlier one that the next pass then refuses.
     */
    private List<Decided> decideInTurn(List<Letter> queue) {
        List<Decided> decided = new ArrayList<>(queue.size());
        RuntimeException failure = null;
        for (Letter letter : queue) {
            if (failure == null) {
                try {
                    decided.add(new Decided(processor.process(letter.key(), letter.reading()), null));
                    continue;
                } catch (RuntimeException failed) {
                    failure = failed;
                }
            }
            decided.add(new Decided(null, failure));
        }
        return decided;
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
