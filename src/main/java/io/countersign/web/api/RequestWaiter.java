package io.countersign.web.api;

import io.countersign.request.RequestApproved;
import io.countersign.request.RequestCancelled;
import io.countersign.request.RequestExpired;
import io.countersign.request.RequestRejected;
import io.countersign.shared.AuditableEvent;
import io.countersign.shared.InvalidInputException;
import io.countersign.shared.database.DatabaseNotifications;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.web.context.request.async.DeferredResult;

/**
 * Lets callers wait for a request's decision without holding a servlet thread or a database
 * connection. Waiters are kept by request id and woken four ways: at once after a decision taken
 * here commits; on PostgreSQL, by the notification every instance sends when a decision commits
 * ({@link DatabaseNotifications}), within milliseconds; by one shared query every {@code
 * countersign.requests.waiter-poll} (250 ms by default) that finds the waited requests another instance decided (on H2, and for
 * notifications missed while the listening connection was down), so the database load does not grow
 * with the number of waiters; or by their own deadline. A woken waiter reads its request once more,
 * with the caller's visibility; waiters of one request woken together that ask for the same answer
 * (the same caller, see {@link #await}) share one read.
 *
 * <p>When the instance shuts down, every waiter is answered at once with its request's current state,
 * before the web server's graceful shutdown waits for open calls (a later lifecycle phase), and a
 * wait asked for from then on is not started: a caller learns where its request stands and may wait
 * again on another instance instead of running into its own timeout.
 */
@Component
class RequestWaiter implements DisposableBean, SmartLifecycle {

    static final int MAX_WAIT_SECONDS = 60;
    static final int CHUNK = 500;
    static final int SHUTDOWN_ANSWER_SECONDS = 10;
    /** The {@code wait} preference and its value as given, up to the next preference or parameter. */
    private static final Pattern PREFER_WAIT = Pattern.compile("(?i)(?:^|[,;\\s])wait\\s*(?:=([^,;]*))?(?=[,;]|$)");
    /** The notification channel whose payload is the id of a request that left PENDING. */
    static final String DECIDED = "countersign_request_decided";

    private static final Logger log = LoggerFactory.getLogger(RequestWaiter.class);

    private final Map<String, Set<Waiter<?>>> waiting = new ConcurrentHashMap<>();
    /** Waiters whose answer may not be written yet, woken or not: shutdown waits for them. */
    private final Set<Waiter<?>> unwritten = ConcurrentHashMap.newKeySet();

    private final JdbcClient jdbc;
    private final DatabaseNotifications notifications;
    private final ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, daemon("request-waiter"));
    private final ExecutorService readers = Executors.newFixedThreadPool(4, daemon("request-waiter-read"));
    private volatile boolean running;
    private volatile boolean closing;

    RequestWaiter(
            JdbcClient jdbc, MeterRegistry meters, DatabaseNotifications notifications, WaiterProperties properties) {
        this.jdbc = jdbc;
        this.notifications = notifications;
        notifications.listen(DECIDED, this::wake);
        Gauge.builder("countersign.requests.waiting", this, RequestWaiter::waiting)
                .description("Callers waiting for a request's decision on this instance")
                .register(meters);
        timer.setRemoveOnCancelPolicy(true);
        long poll = properties.waiterPoll().toMillis();
        timer.scheduleWithFixedDelay(this::pollOtherInstances, poll, poll, TimeUnit.MILLISECONDS);
    }

    /**
     * The seconds asked for by {@code Prefer: wait=N}, capped; 0 when the header asks no wait. A wait
     * that is negative or not a number is refused, as {@code ?wait=} is: the client meant something by
     * it, and silently not waiting would leave it polling for an answer it thinks it asked for.
     */
    static int preferredWait(String prefer) {
        if (prefer == null) {
            return 0;
        }
        Matcher matcher = PREFER_WAIT.matcher(prefer);
        if (!matcher.find()) {
            return 0;
        }
        String value = matcher.group(1) == null ? "" : matcher.group(1).strip();
        if (value.length() > 1 && value.startsWith("\"") && value.endsWith("\"")) {
            value = value.substring(1, value.length() - 1);
        }
        return seconds("Prefer", "wait ", value);
    }

    /** The seconds of {@code ?wait=N}, read as the preference is: capped however large, refused unless whole. */
    static int queriedWait(String value) {
        return seconds("wait", "", value);
    }

    private static int seconds(String field, String named, String value) {
        if (value.matches("-[0-9]+")) {
            throw negativeWait(field);
        }
        if (!value.matches("[0-9]+")) {
            throw InvalidInputException.of(
                    field, "invalid_value", named + "must be a whole number of seconds, such as wait=30");
        }
        return new BigInteger(value).min(BigInteger.valueOf(MAX_WAIT_SECONDS)).intValue();
    }

    /** A negative wait is a client's mistake, as a negative limit is, not a wish to wait none. */
    private static InvalidInputException negativeWait(String field) {
        return InvalidInputException.of(
                field, "out_of_range", "must be 0 or more seconds; a wait above " + MAX_WAIT_SECONDS + " is capped");
    }

    /**
     * Completes with {@code first} when it is already {@code done} or no wait is asked; otherwise with
     * the answer {@code read} gives once the request leaves PENDING or {@code seconds} have passed.
     * Waiters of one request woken together with equal, non-null {@code sameAnswer} keys are all given
     * the answer of one of their reads, so a key must stand for everything the answer depends on
     * (its type and the caller's visibility); {@code null} reads alone.
     */
    <T> DeferredResult<T> await(
            String requestId, Object sameAnswer, int seconds, T first, Supplier<T> read, Predicate<T> done) {
        DeferredResult<T> result = new DeferredResult<>((seconds + 10) * 1000L);
        if (seconds <= 0 || closing || done.test(first)) {
            result.setResult(first);
            return result;
        }
        Waiter<T> waiter = new Waiter<>(requestId, sameAnswer, result, read);
        unwritten.add(waiter);
        waiting.compute(requestId, (id, waiters) -> {
            Set<Waiter<?>> set = waiters == null ? ConcurrentHashMap.newKeySet() : waiters;
            set.add(waiter);
            return set;
        });
        waiter.deadline = timer.schedule(() -> answer(waiter), seconds, TimeUnit.SECONDS);
        if (waiter.claimed.get()) {
            waiter.deadline.cancel(false);
        }
        // the container completes the call (also after an error or a timeout) once its answer is written
        result.onCompletion(() -> {
            forget(waiter);
            unwritten.remove(waiter);
            waiter.written.complete(null);
        });
        result.onError(error -> forget(waiter));
        if (closing) {
            // registered while stop() was answering the others
            answer(waiter);
        }
        return result;
    }

    @Override
    public void start() {
        // also a restart after a stop (a paused context resumes): waits are taken again
        closing = false;
        running = true;
    }

    /**
     * Answers every waiter with its request's current state and waits, within bounds, until each
     * answer, and any given just before, is written: setting a result only hands it to an async
     * dispatch, and the web server must not close the connection under it.
     */
    @Override
    public void stop() {
        closing = true;
        int answered = 0;
        for (Set<Waiter<?>> waiters : List.copyOf(waiting.values())) {
            for (Waiter<?> waiter : waiters) {
                if (waiter.claim()) {
                    forget(waiter);
                    readers.execute(waiter::readAndAnswer);
                    answered++;
                }
            }
        }
        try {
            CompletableFuture.allOf(
                            unwritten.stream().map(waiter -> waiter.written).toArray(CompletableFuture[]::new))
                    .get(SHUTDOWN_ANSWER_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            log.warn("Not every waiting caller's answer was written before shutdown: {}", e.toString());
        }
        if (answered > 0) {
            log.info("Answered {} waiting callers with their request's current state before shutting down", answered);
        }
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Stops before the web server's graceful shutdown, which would otherwise wait for these calls. */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE;
    }

    /** How many callers wait now (the {@code countersign.requests.waiting} gauge). */
    int waiting() {
        return waiting.values().stream().mapToInt(Set::size).sum();
    }

    /**
     * Tells the other instances' waiters, when the decision commits: PostgreSQL holds the notification
     * until then, and drops it if the decision rolls back.
     */
    @EventListener(
            classes = {RequestApproved.class, RequestRejected.class, RequestCancelled.class, RequestExpired.class})
    void announce(AuditableEvent decided) {
        notifications.notifyOnCommit(DECIDED, decided.requestId());
    }

    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT)
    void on(RequestApproved event) {
        wake(event.requestId());
    }

    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT)
    void on(RequestRejected event) {
        wake(event.requestId());
    }

    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT)
    void on(RequestCancelled event) {
        wake(event.requestId());
    }

    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT)
    void on(RequestExpired event) {
        wake(event.requestId());
    }

    private void wake(String requestId) {
        Set<Waiter<?>> waiters = waiting.remove(requestId);
        if (waiters == null) {
            return;
        }
        // ten enforcement point threads waiting for one request are one read, not ten transactions
        Map<Object, List<Waiter<?>>> bySameAnswer = new HashMap<>();
        for (Waiter<?> waiter : waiters) {
            if (!waiter.claim()) {
                continue;
            }
            forget(waiter);
            // a waiter without a key is a group of its own
            Object key = waiter.sameAnswer == null ? waiter : waiter.sameAnswer;
            bySameAnswer.computeIfAbsent(key, k -> new ArrayList<>()).add(waiter);
        }
        bySameAnswer.values().forEach(group -> readers.execute(() -> Waiter.readAndAnswer(group)));
    }

    private void pollOtherInstances() {
        try {
            List<String> ids = new ArrayList<>(waiting.keySet());
            for (int from = 0; from < ids.size(); from += CHUNK) {
                List<String> chunk = ids.subList(from, Math.min(ids.size(), from + CHUNK));
                jdbc.sql("select id from access_requests where id in (:ids) and status <> 'PENDING'")
                        .param("ids", chunk)
                        .query(String.class)
                        .list()
                        .forEach(this::wake);
            }
        } catch (RuntimeException e) {
            // the next poll tries again; a waiter's own deadline still answers it
            log.warn("Could not look for decided requests: {}", e.getMessage());
        }
    }

    private void answer(Waiter<?> waiter) {
        if (waiter.claim()) {
            forget(waiter);
            readers.execute(waiter::readAndAnswer);
        }
    }

    private void forget(Waiter<?> waiter) {
        waiting.computeIfPresent(waiter.requestId, (id, waiters) -> {
            waiters.remove(waiter);
            return waiters.isEmpty() ? null : waiters;
        });
        ScheduledFuture<?> deadline = waiter.deadline;
        if (deadline != null) {
            deadline.cancel(false);
        }
    }

    private static ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }

    @Override
    public void destroy() {
        timer.shutdownNow();
        readers.shutdownNow();
    }

    private static final class Waiter<T> {
        private final String requestId;
        private final Object sameAnswer;
        private final DeferredResult<T> result;
        private final Supplier<T> read;
        private final AtomicBoolean claimed = new AtomicBoolean();
        private final CompletableFuture<Void> written = new CompletableFuture<>();
        private volatile ScheduledFuture<?> deadline;

        Waiter(String requestId, Object sameAnswer, DeferredResult<T> result, Supplier<T> read) {
            this.requestId = requestId;
            this.sameAnswer = sameAnswer;
            this.result = result;
            this.read = read;
        }

        /** Answers every waiter of {@code group}, which share one key, from the first open one's read. */
        static void readAndAnswer(List<Waiter<?>> group) {
            List<Waiter<?>> open = group.stream()
                    .filter(waiter -> !waiter.result.isSetOrExpired())
                    .toList();
            if (open.isEmpty()) {
                return;
            }
            Object answer;
            try {
                answer = open.get(0).read.get();
            } catch (RuntimeException e) {
                open.forEach(waiter -> waiter.result.setErrorResult(e));
                return;
            }
            open.forEach(waiter -> waiter.answer(answer));
        }

        /** Equal keys promise answers of one type (see {@link RequestWaiter#await}). */
        @SuppressWarnings("unchecked")
        private void answer(Object answer) {
            result.setResult((T) answer);
        }

        boolean claim() {
            return claimed.compareAndSet(false, true);
        }

        void readAndAnswer() {
            readAndAnswer(List.of(this));
        }
    }
}
