package io.countersign.shared;

import java.util.List;

/** Input that breaks one or more rules; carries every issue found, not only the first. */
public class InvalidInputException extends CountersignException {

    public InvalidInputException(List<FieldIssue> issues) {
        super(summary(issues), issues);
    }

    public static InvalidInputException of(String field, String code, String message) {
        return new InvalidInputException(List.of(new FieldIssue(field, code, message)));
    }

    @Override
    public String title() {
        return "Invalid input";
    }

    private static String summary(List<FieldIssue> issues) {
        if (issues.size() == 1) {
            FieldIssue only = issues.get(0);
            return only.field() + ": " + only.message();
        }
        return issues.size() + " fields are invalid; see errors.";
    }
}
