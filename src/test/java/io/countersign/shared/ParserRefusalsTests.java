package io.countersign.shared;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.CharConversionException;
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

    @Test
    void bytesThatAreNotUtf8AreToldApartFromOtherMalformedInput() {
        var yaml = new StreamReadException(null, "x", new CharConversionException("Invalid UTF-8 start byte 0xff"));

        assertThat(ParserRefusals.notUtf8(yaml)).isTrue();
        assertThat(ParserRefusals.notUtf8(new StreamReadException(null, "Invalid UTF-8 middle byte 0x22")))
                .isTrue();
        assertThat(ParserRefusals.notUtf8(new StreamReadException(null, "Unexpected character ('}' (code 125))")))
                .isFalse();
    }
}
