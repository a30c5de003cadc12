package io.countersign.bundle;

import java.io.Reader;
import java.util.regex.Pattern;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.events.ScalarEvent;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.io.IOContext;
import tools.jackson.core.util.BufferRecycler;
import tools.jackson.dataformat.yaml.YAMLParser;

/**
 * A YAML parser that reads the plain scalars people write for "nothing" and "not a number" as the
 * YAML 1.2 core schema does. Jackson resolves plain scalars by the JSON schema, where only {@code null}
 * is null: {@code ticketPattern: ~} would be the pattern "~" and {@code manager: Null} the user
 * "null", and {@code .inf} would reach a number field as a number that cannot be read.
 */
final class CoreSchemaYamlParser extends YAMLParser {

    /** The core schema's nulls besides {@code null} and the empty scalar, which Jackson reads as null already. */
    private static final Pattern NULL = Pattern.compile("~|Null|NULL");

    /** The core schema's infinities and NaN: no field of a bundle holds one, so they stay text and are refused there. */
    private static final Pattern NOT_A_NUMBER = Pattern.compile("[-+]?\\.(?:inf|Inf|INF)|\\.(?:nan|NaN|NAN)");

    CoreSchemaYamlParser(
            ObjectReadContext readContext,
            IOContext ioContext,
            BufferRecycler recycler,
            int streamReadFeatures,
            int formatReadFeatures,
            LoadSettings settings,
            Reader reader) {
        super(readContext, ioContext, recycler, streamReadFeatures, formatReadFeatures, settings, reader);
    }

    /** Whether {@code text}, written as a plain YAML scalar, is an infinity or NaN. */
    static boolean notANumber(String text) {
        return text != null && NOT_A_NUMBER.matcher(text).matches();
    }

    @Override
    protected JsonToken _decodeScalar(ScalarEvent scalar) {
        // quoted ("~") or tagged, a scalar is what it says; only a plain one is resolved by the schema
        if (scalar.isPlain() && scalar.getTag().isEmpty()) {
            String value = scalar.getValue();
            if (NULL.matcher(value).matches()) {
                _textValue = value;
                _cleanedTextValue = null;
                return JsonToken.VALUE_NULL;
            }
            if (notANumber(value)) {
                _textValue = value;
                _cleanedTextValue = null;
                return JsonToken.VALUE_STRING;
            }
        }
        return super._decodeScalar(scalar);
    }
}
