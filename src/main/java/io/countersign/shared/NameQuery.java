package io.countersign.shared;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A page of a configuration list (users, groups, resources, policies, webhooks) ordered by a unique
 * key: at most {@code limit} items whose key follows the cursor's, optionally only those whose name
 * starts with {@code prefix}. Keyset pagination, so a page costs the same however deep it is and an
 * item created or deleted meanwhile shifts nothing. Its cursors are sealed for {@code list} ({@link
 * Cursors}), so one list does not read another's.
 */
public record NameQuery(String list, String prefix, String after, int limit) {

    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 200;
    private static final int MAX_CURSOR = 400;

    /** @throws InvalidInputException naming every bad parameter */
    public static NameQuery of(String list, String prefix, String cursor, Integer limit) {
        Problems problems = new Problems();
        problems.maxLength(prefix, "prefix", Names.MAX_LENGTH * 16);
        problems.check(
                limit == null || (limit >= 1 && limit <= MAX_LIMIT),
                "limit",
                "out_of_range",
                "must be between 1 and " + MAX_LIMIT);
        String after = cursor == null ? null : decode(list, cursor);
        problems.check(
                cursor == null || after != null,
                "cursor",
                "invalid_cursor",
                "is not a cursor this service returned; start again without it");
        problems.throwIfAny();
        return new NameQuery(
                list, prefix == null || prefix.isEmpty() ? null : prefix, after, limit == null ? DEFAULT_LIMIT : limit);
    }

    /**
     * The where clause for this page, with {@code :prefix} and {@code :after} bound by {@link #params()};
     * the columns are constants of the calling store.
     */
    public String where(String keyColumn, String prefixColumn) {
        List<String> conditions = new ArrayList<>();
        if (prefix != null) {
            conditions.add(prefixColumn + " like :prefix escape '\\'");
        }
        if (after != null) {
            conditions.add(keyColumn + " > :after");
        }
        return conditions.isEmpty() ? "" : " where " + String.join(" and ", conditions);
    }

    /** The order and size of the page: one row more than the limit tells whether another page follows. */
    public String orderAndLimit(String keyColumn) {
        return " order by " + keyColumn + " limit " + (limit + 1);
    }

    /** The keys of this page's rows, for stores that assemble each row from several tables. */
    public List<String> keys(JdbcClient jdbc, String table, String keyColumn, String prefixColumn) {
        return jdbc.sql("select " + keyColumn + " from " + table + where(keyColumn, prefixColumn)
                        + orderAndLimit(keyColumn))
                .params(params())
                .query(String.class)
                .list();
    }

    public Map<String, Object> params() {
        Map<String, Object> params = new HashMap<>();
        if (prefix != null) {
            params.put(
                    "prefix", prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%");
        }
        if (after != null) {
            params.put("after", after);
        }
        return params;
    }

    /** The page made of the rows read with {@link #orderAndLimit}: the surplus row becomes the cursor. */
    public <T> NamePage<T> page(List<T> rows, Function<T, String> key) {
        if (rows.size() <= limit) {
            return new NamePage<>(List.copyOf(rows), null);
        }
        List<T> items = List.copyOf(rows.subList(0, limit));
        return new NamePage<>(items, Cursors.seal(list, key.apply(items.get(limit - 1))));
    }

    /** The key a cursor holds, or null when {@code list} did not write it. */
    private static String decode(String list, String cursor) {
        if (cursor.length() > MAX_CURSOR) {
            return null;
        }
        return Cursors.open(list, cursor)
                .filter(key -> !key.isEmpty() && Text.firstForbidden(key, Text.Lines.SINGLE) < 0)
                .orElse(null);
    }
}
