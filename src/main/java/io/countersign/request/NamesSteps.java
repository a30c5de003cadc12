package io.countersign.request;

import java.util.function.IntFunction;

/**
 * A refusal that names steps of a request and can name them again as another reader knows them
 * ({@link StepReader}): it keeps how it is worded, given how to number a step, rather than only its
 * text, so that the pages' refusals are worded in one place whichever rule refused.
 */
interface NamesSteps {

    /** Steps as people read them everywhere but on the pages: counted from 1. */
    IntFunction<String> FROM_ONE = index -> String.valueOf(index + 1);

    /** The refusal again, naming the steps of {@code request} as {@code reader} knows them. */
    RuntimeException readBy(StepReader reader, AccessRequest request);

    /** A refusal's text, given how its reader numbers a step from the step's index. */
    @FunctionalInterface
    interface Words {
        String say(IntFunction<String> step);
    }
}
