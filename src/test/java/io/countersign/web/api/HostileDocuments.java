package io.countersign.web.api;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Generates hostile JSON and YAML documents for a body type, from the type itself: for every field
 * (recursively into records and lists) a value of the wrong type, a huge number, an unknown enum
 * constant, a control character or unpaired surrogate, deep nesting, a duplicate key; and for the
 * whole document truncation, the wrong root type and unknown fields. Every document is one that the
 * service must refuse whatever fields it leaves out. A seeded {@link Random} makes a run reproducible.
 */
final class HostileDocuments {

    /** One generated document and what it is meant to break, for the failure message. */
    record Case(String description, String contentType, String body) {}

    static final String JSON = "application/json";
    static final String YAML = "application/yaml";
    private static final int MAX_DEPTH = 3;
    /**
     * Marks a scalar of another type where a scalar is expected: refused in JSON, but in YAML
     * {@code port: 5432} is meant as text, so these have no YAML twin.
     */
    private static final String JSON_ONLY = "(JSON only) ";
    /** How many cases {@link #forType} puts first that concern the whole document. */
    private static final int WHOLE_DOCUMENT_CASES = 8;

    private final Random random;

    HostileDocuments(Random random) {
        this.random = random;
    }

    /** The cases for a body of {@code type}; YAML cases too when the endpoint reads YAML. */
    List<Case> forType(Type type, boolean yaml) {
        List<Case> cases = new ArrayList<>();
        Class<?> raw = raw(type);
        String sample = sample(type, 0);
        cases.add(json(
                "truncated document", sample.substring(0, 1 + random.nextInt(Math.max(1, sample.length() - 1)))));
        cases.add(json("deep nesting at the root", nested(40 + random.nextInt(5000))));
        cases.add(json("a bare number at the root", hugeNumber()));
        cases.add(json("a string at the root", quoted("x")));
        if (raw.isRecord()) {
            cases.add(json("an array at the root", "[" + sample + "]"));
            cases.add(json("an unknown field", "{\"noSuchField" + random.nextInt(1000) + "\":1}"));
            RecordComponent[] components = raw.getRecordComponents();
            RecordComponent first = components[0];
            cases.add(json(
                    "duplicate key " + first.getName(),
                    "{\"" + first.getName() + "\":" + sample(first.getGenericType(), 1) + ",\"" + first.getName()
                            + "\":" + sample(first.getGenericType(), 1) + "}"));
            RecordComponent chosen = components[random.nextInt(components.length)];
            cases.add(json(
                    "a 10 MB string in " + chosen.getName(),
                    "{\"" + chosen.getName() + "\":\"" + "a".repeat(10 * 1024 * 1024) + "\"}"));
            for (RecordComponent component : components) {
                for (String[] value : hostileValues(component.getGenericType(), 0)) {
                    cases.add(json(
                            component.getName() + ": " + value[0],
                            "{\"" + component.getName() + "\":" + value[1] + "}"));
                }
            }
        } else {
            cases.add(json("an object at the root", "{\"a\":1}"));
            for (String[] value : hostileValues(type, 0)) {
                cases.add(json("root: " + value[0], value[1]));
            }
        }
        if (yaml) {
            List<Case> asYaml = new ArrayList<>();
            for (Case c : cases) {
                if (c.body().length() < 100_000 && !c.description().contains(JSON_ONLY)) {
                    // JSON is YAML: the same hostile documents through the YAML reader
                    asYaml.add(new Case(c.description() + " (as YAML)", YAML, c.body()));
                }
            }
            cases.addAll(asYaml);
            cases.addAll(yamlOnly(raw));
        }
        return cases;
    }

    private List<Case> yamlOnly(Class<?> raw) {
        String key = raw.isRecord() ? raw.getRecordComponents()[0].getName() : "key";
        List<Case> cases = new ArrayList<>();
        cases.add(yaml("duplicate key in block style", key + ": []\n" + key + ": []\n"));
        cases.add(yaml("deep flow nesting", key + ": " + nested(40 + random.nextInt(5000)) + "\n"));
        cases.add(yaml(
                "an alias bomb",
                "a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
                        + "c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]\n"
                        + key + ": [*d, *d, *d, *d, *d, *d, *d, *d, *d]\n"));
        cases.add(yaml("a control character", key + ": \"x\\" + "e[2J\\0\"\n"));
        cases.add(yaml("an unpaired surrogate", key + ": \"x\\ud800\"\n"));
        cases.add(yaml("a truncated flow mapping", key + ": [{a: 1, b: [\n"));
        cases.add(yaml("a bad indentation", key + ":\n  - a\n -b\n\t- c\n"));
        cases.add(yaml("two documents", key + ": []\n---\n" + key + ": []\n"));
        cases.add(yaml("a foreign tag", key + ": !!java.lang.ProcessBuilder [\"id\"]\n"));
        cases.add(yaml("a huge number", key + ": " + hugeNumber() + "\n"));
        return cases;
    }

    /** The document-level cases, then a random choice of the others, {@code limit} in all. */
    List<Case> sample(List<Case> cases, int limit) {
        List<Case> always = new ArrayList<>(cases.subList(0, Math.min(WHOLE_DOCUMENT_CASES, cases.size())));
        List<Case> rest = new ArrayList<>(cases.subList(always.size(), cases.size()));
        java.util.Collections.shuffle(rest, random);
        always.addAll(rest.subList(0, Math.min(rest.size(), Math.max(0, limit - always.size()))));
        return always;
    }

    /** Values of {@code type} that must be refused, each {@code [description, json]}. */
    private List<String[]> hostileValues(Type type, int depth) {
        Class<?> raw = raw(type);
        List<String[]> values = new ArrayList<>();
        values.add(new String[] {"deep nesting", nested(40 + random.nextInt(2000))});
        if (raw == String.class) {
            values.add(new String[] {"a control character", quoted(withForbiddenCharacter())});
            // PostgreSQL refuses a NUL in any text parameter: a field that reaches a query unchecked answers 500
            values.add(new String[] {"a NUL character", quoted(around("\\u0000"))});
            values.add(new String[] {"an unpaired surrogate", quoted(withUnpairedSurrogate())});
            values.add(new String[] {JSON_ONLY + "a number", hugeNumber()});
            values.add(new String[] {JSON_ONLY + "a boolean", "true"});
            values.add(new String[] {"an object", "{\"a\":\"b\"}"});
            values.add(new String[] {"an array", "[\"a\"]"});
        } else if (raw.isEnum()) {
            values.add(new String[] {"an unknown constant", quoted("NOT_A_VALUE_" + random.nextInt(1000))});
            values.add(new String[] {"a number for an enum", String.valueOf(random.nextInt(3))});
            values.add(new String[] {"a control character", quoted(withForbiddenCharacter())});
        } else if (Number.class.isAssignableFrom(box(raw))) {
            values.add(new String[] {"a huge number", hugeNumber()});
            values.add(new String[] {"a huge exponent", "1e" + (400 + random.nextInt(100_000))});
            values.add(new String[] {JSON_ONLY + "a number as a string", quoted(String.valueOf(random.nextInt(10)))});
            values.add(new String[] {JSON_ONLY + "a boolean", "false"});
            values.add(new String[] {"an object", "{}"});
        } else if (box(raw) == Boolean.class) {
            values.add(new String[] {JSON_ONLY + "a string", quoted("yes")});
            values.add(new String[] {JSON_ONLY + "a number", "1"});
            values.add(new String[] {"an array", "[]"});
        } else if (raw == Duration.class) {
            values.add(new String[] {"a huge duration", quoted("PT" + digits(20 + random.nextInt(40)) + "H")});
            values.add(new String[] {"not a duration", quoted("two hours\u0000")});
            values.add(new String[] {"an object", "{\"seconds\":1}"});
        } else if (raw == Instant.class) {
            values.add(new String[] {"not an instant", quoted("yesterday")});
            values.add(new String[] {"a huge exponent", "1e" + (400 + random.nextInt(100_000))});
            values.add(new String[] {"an array", "[1]"});
        } else if (Collection.class.isAssignableFrom(raw)) {
            Type element = argument(type, 0);
            values.add(new String[] {"a string for a list", quoted("a")});
            values.add(new String[] {"an object for a list", "{\"a\":1}"});
            if (depth < MAX_DEPTH) {
                for (String[] inner : hostileValues(element, depth + 1)) {
                    values.add(new String[] {"[0] " + inner[0], "[" + inner[1] + "]"});
                }
            }
        } else if (Map.class.isAssignableFrom(raw)) {
            values.add(new String[] {"an array for a map", "[1]"});
            values.add(
                    new String[] {"a control character in a key", "{" + quoted(withForbiddenCharacter()) + ":\"v\"}"});
            values.add(new String[] {"a duplicate key", "{\"k\":\"v\",\"k\":\"w\"}"});
            if (depth < MAX_DEPTH) {
                for (String[] inner : hostileValues(argument(type, 1), depth + 1)) {
                    values.add(new String[] {".k " + inner[0], "{\"k\":" + inner[1] + "}"});
                }
            }
        } else if (raw.isRecord()) {
            values.add(new String[] {"a string for an object", quoted("x")});
            values.add(new String[] {"an array for an object", "[]"});
            RecordComponent[] components = raw.getRecordComponents();
            values.add(new String[] {
                "a duplicate key",
                "{\"" + components[0].getName() + "\":" + sample(components[0].getGenericType(), depth + 1) + ",\""
                        + components[0].getName() + "\":" + sample(components[0].getGenericType(), depth + 1) + "}"
            });
            if (depth < MAX_DEPTH) {
                for (RecordComponent component : components) {
                    for (String[] inner : hostileValues(component.getGenericType(), depth + 1)) {
                        values.add(new String[] {
                            "." + component.getName() + " " + inner[0],
                            "{\"" + component.getName() + "\":" + inner[1] + "}"
                        });
                    }
                }
            }
        }
        return values;
    }

    /** A harmless value of the type, to build duplicates and documents to truncate. */
    private String sample(Type type, int depth) {
        Class<?> raw = raw(type);
        if (raw == String.class) {
            return quoted("a");
        }
        if (raw.isEnum()) {
            return quoted(raw.getEnumConstants()[0].toString());
        }
        if (Number.class.isAssignableFrom(box(raw))) {
            return "1";
        }
        if (box(raw) == Boolean.class) {
            return "true";
        }
        if (raw == Duration.class) {
            return quoted("PT1H");
        }
        if (raw == Instant.class) {
            return quoted("2030-01-01T00:00:00Z");
        }
        if (Collection.class.isAssignableFrom(raw)) {
            return depth > MAX_DEPTH ? "[]" : "[" + sample(argument(type, 0), depth + 1) + "]";
        }
        if (Map.class.isAssignableFrom(raw)) {
            return "{\"k\":" + (depth > MAX_DEPTH ? "\"v\"" : sample(argument(type, 1), depth + 1)) + "}";
        }
        if (raw.isRecord() && depth <= MAX_DEPTH) {
            StringBuilder out = new StringBuilder("{");
            for (RecordComponent component : raw.getRecordComponents()) {
                if (out.length() > 1) {
                    out.append(',');
                }
                out.append('"')
                        .append(component.getName())
                        .append("\":")
                        .append(sample(component.getGenericType(), depth + 1));
            }
            return out.append('}').toString();
        }
        return "null";
    }

    /** Text with one character no text field accepts, written as a JSON escape at a random place. */
    private String withForbiddenCharacter() {
        int c;
        switch (random.nextInt(4)) {
            case 0 -> c = random.nextInt(0x20);
            case 1 -> c = 0x7F;
            case 2 -> c = 0x80 + random.nextInt(0x20);
            default -> c = 0x1B;
        }
        if (c == '\n' || c == '\t' || c == '\r') {
            c = 0;
        }
        return around(String.format("\\u%04x", c));
    }

    private String withUnpairedSurrogate() {
        int c = random.nextBoolean() ? 0xD800 + random.nextInt(0x400) : 0xDC00 + random.nextInt(0x400);
        return around(String.format("\\u%04x", c));
    }

    private String around(String escape) {
        return switch (random.nextInt(3)) {
            case 0 -> escape + "abc";
            case 1 -> "abc" + escape;
            default -> "ab" + escape + "c";
        };
    }

    private String hugeNumber() {
        return (random.nextBoolean() ? "-" : "") + "9" + digits(25 + random.nextInt(2000));
    }

    private String digits(int count) {
        StringBuilder out = new StringBuilder(count);
        for (int i = 0; i < count; i++) {
            out.append((char) ('0' + random.nextInt(10)));
        }
        return out.toString();
    }

    private static String nested(int depth) {
        return "[".repeat(depth) + "]".repeat(depth);
    }

    /** A JSON string literal; the text is already escaped where it holds an escape. */
    private static String quoted(String text) {
        return "\"" + text + "\"";
    }

    private static Case json(String description, String body) {
        return new Case(description, JSON, body);
    }

    private static Case yaml(String description, String body) {
        return new Case(description, YAML, body);
    }

    private static Class<?> raw(Type type) {
        if (type instanceof Class<?> c) {
            return c;
        }
        if (type instanceof ParameterizedType p) {
            return (Class<?>) p.getRawType();
        }
        return Object.class;
    }

    private static Type argument(Type type, int index) {
        return type instanceof ParameterizedType p ? p.getActualTypeArguments()[index] : String.class;
    }

    private static Class<?> box(Class<?> raw) {
        if (raw == int.class) {
            return Integer.class;
        }
        if (raw == long.class) {
            return Long.class;
        }
        if (raw == boolean.class) {
            return Boolean.class;
        }
        return raw;
    }
}
