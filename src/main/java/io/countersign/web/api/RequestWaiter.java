package io.countersign.web.api;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.async.DeferredResult;

/**
 * Lets a caller wait for a request's decision without holding a servlet thread: the answer is read
 * again every {@link #POLL_MILLIS} ms until it is decided or the wait is over. Reading the database
 * (not an in-memory signal) makes a decision taken on any instance end the wait.
 */
@Component
class RequestWaiter implements DisposableBean {

    static final int MAX_WAIT_SECONDS = 60;
    static final long POLL_MILLIS = 250;
    private static final SecurityContextRepository CALLERS = new RequestAttributeSecurityContextRepository();
    private static final Pattern PREFER_WAIT = Pattern.compile("(?i)(?:^|[,;\\s])wait\\s*=\\s*(\\d{1,6})");

    private final ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2, runnable -> {
        Thread thread = new Thread(runnable, "request-waiter");
        thread.setDaemon(true);
        return thread;
    });

    /**
     * Bearer tokens authenticate only the first dispatch of a request; the answer of a wait is
     * delivered by an async dispatch that is authorised again. Keeping the caller's security
     * context on the request lets that dispatch pass as the same caller.
     */
    static void keepCaller(HttpServletRequest request, HttpServletResponse response) {
        CALLERS.saveContext(SecurityContextHolder.getContext(), request, response);
    }

    /** The seconds asked for by {@code Prefer: wait=N}, capped; 0 when the header asks no wait. */
    static int preferredWait(String prefer) {
        if (prefer == null) {
            return 0;
        }
        Matcher matcher = PREFER_WAIT.matcher(prefer);
        return matcher.find() ? capped(Integer.parseInt(matcher.group(1))) : 0;
    }

    static int capped(int seconds) {
        return Math.max(0, Math.min(seconds, MAX_WAIT_SECONDS));
    }

    /** Completes with the first answer that is {@code done}, or with the last one read after {@code seconds}. */
    <T> DeferredResult<T> await(int seconds, T first, Supplier<T> read, Predicate<T> done) {
        DeferredResult<T> result = new DeferredResult<>((seconds + 10) * 1000L);
        if (seconds <= 0 || done.test(first)) {
            result.setResult(first);
            return result;
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        scheduler.schedule(new Poll<>(result, read, done, deadline), POLL_MILLIS, TimeUnit.MILLISECONDS);
        return result;
    }

    private final class Poll<T> implements Runnable {
        private final DeferredResult<T> result;
        private final Supplier<T> read;
        private final Predicate<T> done;
        private final long deadline;

        Poll(DeferredResult<T> result, Supplier<T> read, Predicate<T> done, long deadline) {
            this.result = result;
            this.read = read;
            this.done = done;
            this.deadline = deadline;
        }

        @Override
        public void run() {
            if (result.isSetOrExpired()) {
                return;
            }
            try {
                T answer = read.get();
                if (done.test(answer) || System.nanoTime() - deadline >= 0) {
                    result.setResult(answer);
                } else {
                    scheduler.schedule(this, POLL_MILLIS, TimeUnit.MILLISECONDS);
                }
            } catch (RuntimeException e) {
                result.setErrorResult(e);
            }
        }
    }

    @Override
    public void destroy() {
        scheduler.shutdownNow();
    }
}
