package io.countersign.shared;

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
}
