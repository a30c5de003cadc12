package io.countersign.policy;

import io.countersign.policy.internal.CompiledPolicy;
import io.countersign.policy.internal.MatchSubject;
import io.countersign.policy.internal.PolicyBuilder;
import io.countersign.policy.internal.PolicyIndex;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * How long finding the governing policy takes with 100, 1,000 and 10,000 policies, for a request
 * some policy governs and for one none does. The policies mix the shapes administrators write:
 * prefixes ({@code prod-svc42-*}), suffixes ({@code *-svc42-admin}), exact names
 * ({@code db-svc42}), single-character wildcards ({@code db-??-svc42-*}), account patterns, extra
 * conditions, and a few catch-alls without any literal anchor. See BENCHMARKS.md for the command.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class PolicyMatchBenchmark {

    @Param({"100", "1000", "10000"})
    int policies;

    private PolicyIndex index;
    private List<CompiledPolicy> ranked;
    private MatchSubject governed;
    private MatchSubject ungoverned;

    @Setup
    public void setUp() {
        List<CompiledPolicy> compiled = new ArrayList<>();
        for (int i = 0; i < policies; i++) {
            String service = "svc" + i;
            PolicyBuilder p = PolicyBuilder.policy("policy-" + i).priority(i % 7);
            switch (i % 5) {
                case 0 -> p.resource("prod-" + service + "-*");
                case 1 -> p.resource("*-" + service + "-admin");
                case 2 -> p.resource("db-" + service).account("root");
                case 3 -> p.resource("db-??-" + service + "-*").resourceTypes("database");
                default ->
                    p.resource("k8s-" + service + "-*").account("*-admin").requesterGroups("sre");
            }
            compiled.add(p.step(1, ApproverSelector.ofGroup("approvers")).compile());
        }
        // catch-alls with no literal anchor: every match has to consider them
        compiled.add(PolicyBuilder.policy("any-readonly")
                .resource("*")
                .account("r?")
                .priority(-1)
                .compile());
        compiled.add(PolicyBuilder.policy("any-by-label")
                .resource("*")
                .label("env", "prod")
                .priority(-1)
                .compile());
        index = PolicyIndex.of(compiled);
        ranked = index.ranked();
        String target = "svc" + (policies / 2 - policies / 2 % 5);
        governed = subject("prod-" + target + "-postgresql", "rw-admin");
        ungoverned = subject("staging-unknown-host", "rw-admin");
        if (index.governing(governed).isEmpty() || index.governing(ungoverned).isPresent()) {
            throw new IllegalStateException("the benchmark's fixtures do not match as intended");
        }
    }

    private static MatchSubject subject(String resource, String account) {
        return new MatchSubject(
                "dev", Set.of("developers"), resource, "database", Set.of(), Map.of("env", "staging"), account);
    }

    @Benchmark
    public Optional<CompiledPolicy> governedRequest() {
        return index.governing(governed);
    }

    @Benchmark
    public Optional<CompiledPolicy> ungovernedRequest() {
        return index.governing(ungoverned);
    }

    /**
     * What the index saves: the same ungoverned request checked against every policy in order of
     * precedence, as a plain scan would.
     */
    @Benchmark
    public Optional<CompiledPolicy> ungovernedRequestByFullScan() {
        for (CompiledPolicy candidate : ranked) {
            if (candidate.matches(ungoverned)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    public static void main(String[] args) throws RunnerException {
        Options options = new OptionsBuilder()
                .include(PolicyMatchBenchmark.class.getName())
                .forks(1)
                .warmupIterations(3)
                .warmupTime(TimeValue.seconds(1))
                .measurementIterations(5)
                .measurementTime(TimeValue.seconds(1))
                .build();
        new Runner(options).run();
    }
}
