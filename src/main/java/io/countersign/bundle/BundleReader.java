package io.countersign.bundle;

import io.countersign.shared.FieldIssue;
import io.countersign.shared.FieldPaths;
import io.countersign.shared.InvalidInputException;
import io.countersign.shared.NestingDepth;
import io.countersign.shared.ParserRefusals;
import io.countersign.shared.TimesAsText;
import io.countersign.shared.UnreadValues;
import io.countersign.shared.UnreadValuesModule;
import io.countersign.shared.Utf8;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.snakeyaml.engine.v2.api.LoadSettings;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.exc.InputCoercionException;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.cfg.EnumFeature;
import tools.jackson.databind.cfg.MutableCoercionConfig;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.type.LogicalType;
import tools.jackson.dataformat.yaml.YAMLFactory;
import tools.jackson.dataformat.yaml.YAMLMapper;
import tools.jackson.dataformat.yaml.YAMLParser;

/**
 * Reads a bundle from JSON or YAML. Both are strict: unknown fields and repeated keys are errors, so
 * that a typo cannot silently drop part of an import. Errors carry the path of the offending field; an
 * unknown field, an unknown name or a value of the wrong type is noted and the reading goes on, so that
 * the import reports it with every other issue of the bundle.
 */
final class BundleReader {

    /** Large bundles are expected (thousands of entries); the YAML parser's default cap is 3 MB. */
    static final int MAX_YAML_CODE_POINTS = 64 * 1024 * 1024;

    private final JsonMapper json;
    private final YAMLMapper yaml;
    private final int maxNestingDepth;
    private final FieldIssue nestedTooDeeply;

    /**
     * A reader held to {@code limits}, the application's parsing limits for request bodies, so that a
     * bundle and a body are refused for the same documents and in the same words.
     */
    BundleReader(StreamReadConstraints limits) {
        this.maxNestingDepth = limits.getMaxNestingDepth();
        this.nestedTooDeeply = new FieldIssue("body", "too_large", ParserRefusals.nestedTooDeeply(maxNestingDepth));
        this.json = JsonMapper.builder(
                        JsonFactory.builder().streamReadConstraints(limits).build())
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .enable(EnumFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .withCoercionConfig(LogicalType.Textual, BundleReader::scalarsKeepTheirTypes)
                .addModule(UnreadValuesModule.inReaderAttribute((e, field) -> issue(e, field, BundleFormat.JSON)))
                .addModule(TimesAsText.module())
                .build();
        this.yaml = YAMLMapper.builder(new CoreSchemaYamlFactory(YAMLFactory.builder()
                        .loadSettings(LoadSettings.builder()
                                .setCodePointLimit(MAX_YAML_CODE_POINTS)
                                .build())
                        .streamReadConstraints(limits)))
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .enable(EnumFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .addModule(UnreadValuesModule.inReaderAttribute((e, field) -> issue(e, field, BundleFormat.YAML)))
                .addModule(TimesAsText.module())
                .build();
    }

    private static final FieldIssue NOT_UTF8 = new FieldIssue(
            "body", "malformed_bundle", "is not valid UTF-8: save the bundle as UTF-8 and send it again");

    private static final Pattern DUPLICATE = Pattern.compile("^Duplicate Object property \"(.*)\"", Pattern.DOTALL);

    /**
     * As in the API, a number or a boolean is not a string in a JSON bundle. YAML keeps its plain
     * scalars ({@code port: 5432} is the label value "5432"), as people write YAML by hand. The other
     * way round holds in both: text is never a number or a boolean ({@code "active": "false"}, or
     * quoted in YAML), since the API refuses it and a bundle is what the API would be sent.
     */
    private static void scalarsKeepTheirTypes(MutableCoercionConfig config) {
        config.setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
    }

    /** The bundle, with each name that is none of its field's values null here and noted in {@code unread}. */
    Bundle read(byte[] body, BundleFormat format, UnreadValues unread) {
        if (body == null || body.length == 0) {
            throw InvalidInputException.of(
                    "body", "required", "send a bundle: {levels, users, groups, resources, policies}");
        }
        if (!Utf8.isText(body)) {
            throw new InvalidInputException(List.of(NOT_UTF8));
        }
        // as for a request body, the depth is measured before binding, which stops at a wrong shape; a
        // YAML bundle's every token is read by the parser, which holds it to the same limit, first
        if (format == BundleFormat.JSON && NestingDepth.exceeds(body, maxNestingDepth)) {
            throw new InvalidInputException(List.of(nestedTooDeeply));
        }
        ObjectMapper mapper = format == BundleFormat.YAML ? yaml : json;
        try {
            if (format == BundleFormat.YAML) {
                refuseTags(body);
            }
            Bundle bundle = mapper.readerFor(Bundle.class)
                    .withAttribute(UnreadValues.ATTRIBUTE, unread)
                    .readValue(body);
            if (bundle == null) {
                throw InvalidInputException.of("body", "required", "the bundle is empty");
            }
            return bundle;
        } catch (JacksonException e) {
            // what was noted before the reading stopped is reported too, as it would be had it read on
            List<FieldIssue> issues = new ArrayList<>(unread.issues());
            issues.add(issue(e, format));
            throw new InvalidInputException(issues);
        }
    }

    /**
     * A bundle never needs an explicit YAML tag or an alias, and the parser would otherwise misread
     * both silently: it drops a tag ({@code levels: !!java.lang.ProcessBuilder [id]} would import the
     * level "id") and reads an alias as its anchor's name ({@code manager: *boss} would name the
     * manager "boss", whatever the anchor holds). Refuse them all.
     */
    private void refuseTags(byte[] body) {
        try (JsonParser parser = yaml.createParser(body)) {
            while (parser.nextToken() != null) {
                if (parser.getTypeId() != null) {
                    throw InvalidInputException.of(
                            FieldPaths.fromPointer(
                                    parser.streamReadContext().pathAsPointer().toString()),
                            "invalid_value",
                            "explicit YAML tags (!tag, !!type) are not accepted in a bundle");
                }
                if (parser instanceof YAMLParser yaml && yaml.isCurrentAlias()) {
                    throw InvalidInputException.of(
                            FieldPaths.fromPointer(
                                    parser.streamReadContext().pathAsPointer().toString()),
                            "invalid_value",
                            "YAML aliases (*name) are not accepted in a bundle; write the value out");
                }
            }
        }
    }

    static FieldIssue issue(JacksonException e, BundleFormat format) {
        return issue(e, path(e), format);
    }

    /** What {@code e} refused at {@code path}, the empty path standing for the whole bundle. */
    private static FieldIssue issue(JacksonException e, String path, BundleFormat format) {
        if (e instanceof UnrecognizedPropertyException) {
            return new FieldIssue(path, "unknown_field", "is not a known field");
        }
        if (e instanceof InvalidFormatException fraction && ParserRefusals.fractionForWholeNumber(fraction)) {
            return new FieldIssue(path, "invalid_type", "must be a whole number");
        }
        if (e instanceof MismatchedInputException mismatch && !path.isEmpty() && textForScalar(mismatch)) {
            Class<?> target = mismatch.getTargetType();
            if (format == BundleFormat.YAML
                    && e.processor() instanceof JsonParser parser
                    && CoreSchemaYamlParser.notANumber(parser.getString())) {
                return new FieldIssue(
                        path, "invalid_type", "must be a whole number; .inf and .nan are not numbers a bundle takes");
            }
            return new FieldIssue(
                    path,
                    "invalid_type",
                    target == Boolean.class || target == boolean.class
                            ? "must be true or false, not text"
                            : "must be a number, not text");
        }
        Matcher duplicate = DUPLICATE.matcher(String.valueOf(e.getOriginalMessage()));
        if (duplicate.find()) {
            String key = duplicate.group(1);
            if (path.isEmpty() && e instanceof StreamReadException read && read.processor() != null) {
                // raised while reading the key, below the data binding that knows paths
                String where = FieldPaths.fromPointer(
                        read.processor().streamReadContext().pathAsPointer().toString());
                path = where.equals("body") ? "" : where;
            }
            String field =
                    path.isEmpty() ? key : path.equals(key) || path.endsWith("." + key) ? path : path + "." + key;
            return new FieldIssue(field, "duplicate_key", "appears more than once");
        }
        if (e instanceof StreamConstraintsException limit) {
            return new FieldIssue("body", "too_large", ParserRefusals.limitBroken(limit));
        }
        if (e instanceof InputCoercionException range && !path.isEmpty()) {
            return new FieldIssue(path, "out_of_range", ParserRefusals.outOfRange(range));
        }
        if (e instanceof MismatchedInputException && path.isEmpty()) {
            // the parser's words here name Jackson's settings and Countersign's classes
            return String.valueOf(e.getOriginalMessage()).startsWith("Trailing token")
                    ? new FieldIssue("body", "malformed_bundle", "holds more than one document; send one bundle")
                    : new FieldIssue(
                            "body", "invalid_type", "must be one object: {levels, users, groups, resources, policies}");
        }
        if (e instanceof StreamReadException || path.isEmpty()) {
            String where = ParserRefusals.position(e);
            String inside = path.isEmpty() ? "" : " (in " + path + ")";
            return new FieldIssue(
                    "body",
                    "malformed_bundle",
                    "is not well-formed " + format + where + inside + ": " + ParserRefusals.reason(e));
        }
        String expected =
                e instanceof InvalidFormatException unreadable ? TimesAsText.mustBe(unreadable.getTargetType()) : null;
        if (expected != null) {
            return new FieldIssue(path, "invalid_value", expected);
        }
        String kind = kindExpected(e, format);
        return kind != null
                ? new FieldIssue(path, "invalid_type", "must be " + kind)
                : new FieldIssue(path, "invalid_value", "has the wrong type or format");
    }

    /**
     * The kind of value a field takes when another kind was sent (a number or a list where text
     * belongs, a mapping where a list does), in the words of the bundle's format and as the API words
     * it for a body ({@code must be a JSON string}); null when the kind was right but the value was not.
     */
    private static String kindExpected(JacksonException e, BundleFormat format) {
        if (!(e instanceof MismatchedInputException mismatch) || mismatch.getTargetType() == null) {
            return null;
        }
        String message = String.valueOf(e.getOriginalMessage());
        boolean scalar = e instanceof InvalidFormatException unreadable
                && (unreadable.getValue() instanceof Number || unreadable.getValue() instanceof Boolean);
        if (!scalar
                && !message.startsWith("Cannot deserialize value of type")
                && !message.startsWith("Cannot construct instance of")) {
            return null;
        }
        Class<?> target = mismatch.getTargetType();
        boolean json = format == BundleFormat.JSON;
        if (target == String.class) {
            return json ? "a JSON string" : "text";
        }
        if (Collection.class.isAssignableFrom(target)) {
            return json ? "a JSON array" : "a list";
        }
        if (target.isRecord() || Map.class.isAssignableFrom(target)) {
            return json ? "a JSON object" : "a mapping";
        }
        return null;
    }

    private static boolean textForScalar(MismatchedInputException e) {
        Class<?> target = e.getTargetType();
        return target != null
                && (target == Boolean.class || Number.class.isAssignableFrom(target) || target.isPrimitive())
                && String.valueOf(e.getOriginalMessage()).startsWith("Cannot coerce String value");
    }

    static String path(JacksonException e) {
        return e.getPath().stream()
                .map(ref -> ref.getPropertyName() != null ? ref.getPropertyName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining("."))
                .replace(".[", "[");
    }
}
