package io.countersign.directory;

/** How many entries of one kind an import created, replaced with new content, or found already as given. */
public record Upserted(int created, int updated, int unchanged) {

    public static final Upserted NONE = new Upserted(0, 0, 0);
}
