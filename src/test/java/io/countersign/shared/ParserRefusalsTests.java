package io.countersign.shared;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import tools.jackson.core.exc.StreamReadException;

class ParserRefusalsTests {

    @Test
    void aWrappedFailureIsToldWithoutTheNamesOfJavaExceptions() {
        var wrapped = new StreamReadException(
                null, "org.apache.catalina.connector.ClientAbortException: java.io.EOFException: Unexpected EOF read");

        assertThat(ParserRefusals.reason(wrapped)).isEqualTo("Unexpected EOF read");
        assertThat(ParserRefusals.reason(new StreamReadException(null, "Unexpected character ('}' (code 125))")))
                .isEqualTo("Unexpected character");
    }
}
