package io.countersign.shared;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.springframework.transaction.support.TransactionOperations;

/**
 * The issues met while an input was read, such as an unknown enum name or a value of the wrong type
 * left null in its place, or an unknown field skipped ({@link UnreadValuesModule}). They refuse the input together with every issue its own rules find.
 */
public final class UnreadValues {

    /** The reader attribute under which {@link UnreadValuesModule#inReaderAttribute} finds these. */
    public static final String ATTRIBUTE = UnreadValues.class.getName();

    private final List<FieldIssue> issues = new ArrayList<>();

    void add(FieldIssue issue) {
        issues.add(issue);
    }

    public List<FieldIssue> issues() {
        return List.copyOf(issues);
    }

    public boolean isEmpty() {
        return issues.isEmpty();
    }

    /**
     * Runs {@code write}, or, when something could not be read, refuses the input with those issues and
     * every {@link InvalidInputException} issue {@code write} finds, changing nothing. The write then runs
     * in a transaction that is always rolled back, so that the rules report exactly what they would in a
     * save; a conflict is left for after the body is fixed, while a refusal to the caller, such as
     * not found or forbidden, stays what it was.
     */
    public <T> T refuseOr(TransactionOperations transactions, Supplier<T> write) {
        if (issues.isEmpty()) {
            return write.get();
        }
        List<FieldIssue> found = transactions.execute(transaction -> {
            transaction.setRollbackOnly();
            try {
                write.get();
                return List.of();
            } catch (InvalidInputException invalid) {
                return invalid.issues();
            } catch (ConflictException conflict) {
                return List.of();
            }
        });
        throw new InvalidInputException(withRulesIssues(found));
    }

    /**
     * These issues as the rules of an input that is a bare array name them, the array being {@code
     * field}: the reader calls its first element {@code [0]}, the rules {@code field[0]}.
     */
    public UnreadValues asArray(String field) {
        UnreadValues named = new UnreadValues();
        issues.forEach(issue -> named.add(
                issue.field().startsWith("[")
                        ? new FieldIssue(field + issue.field(), issue.code(), issue.message())
                        : issue));
        return named;
    }

    /** These issues and {@code found}, without a rule's issue on a field that could not be read at all. */
    private List<FieldIssue> withRulesIssues(List<FieldIssue> found) {
        Set<String> unreadFields = issues.stream().map(FieldIssue::field).collect(Collectors.toSet());
        return Stream.concat(issues.stream(), found.stream().filter(issue -> !unreadFields.contains(issue.field())))
                .toList();
    }
}
