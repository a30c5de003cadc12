package io.countersign.request;

import java.util.function.IntFunction;

/**
 * Who reads a refusal of a decision that named its step, and so how it names the request's steps.
 * Both count from 1, as every text people read does; the pages also show each step's name (the
 * request page's list of steps, the approvals page's current step), so their refusals name it too,
 * and a reader can match the refusal to what the page showed. The numbers the pages' forms send
 * count from 0, like the API's {@code step}, and are never repeated to their reader.
 */
enum StepReader {
    /** A caller of the API, told the {@code step} values it may send beside the steps' numbers. */
    API,
    /** A person at the request or the approvals page. */
    PAGES;

    /** The step numbered from 1, and on the pages followed by its name when it has one: "2 (Security review)". */
    String number(AccessRequest request, int index) {
        String number = NamesSteps.FROM_ONE.apply(index);
        if (this == API || index < 0 || index >= request.steps().size()) {
            return number;
        }
        String name = request.steps().get(index).name();
        return name == null || name.isBlank() ? number : number + " (" + name.strip() + ")";
    }

    /** How this reader numbers the steps of {@code request}, from a step's index. */
    IntFunction<String> steps(AccessRequest request) {
        return index -> number(request, index);
    }
}
