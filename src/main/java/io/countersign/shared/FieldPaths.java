package io.countersign.shared;

import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.TokenStreamContext;

/** Field names as problems give them: {@code users[0].role} rather than the pointer {@code /users/0/role}. */
public final class FieldPaths {

    private FieldPaths() {}

    /** {@code /users/0/username} as the API names fields, or {@code body} for the whole document. */
    public static String fromPointer(String pointer) {
        StringBuilder path = new StringBuilder();
        for (String segment : pointer.split("/")) {
            if (segment.isEmpty()) {
                continue;
            }
            if (segment.chars().allMatch(Character::isDigit)) {
                path.append('[').append(segment).append(']');
            } else {
                path.append(path.length() == 0 ? "" : ".")
                        .append(segment.replace("~1", "/").replace("~0", "~"));
            }
        }
        return path.length() == 0 ? "body" : path.toString();
    }

    /** The field whose value {@code parser} stands on, an object or array value included. */
    public static String ofValue(JsonParser parser) {
        TokenStreamContext context = parser.streamReadContext();
        JsonToken token = parser.currentToken();
        if (token != null && token.isStructStart() && context.getParent() != null) {
            // the parser has already stepped inside the value it starts
            context = context.getParent();
        }
        return fromPointer(context.pathAsPointer().toString());
    }
}
