package io.countersign.audit;

/**
 * Every export slot of this instance is taken: the export is refused before it starts, so that exports
 * whose clients read slowly cannot pile up on an instance. The client tries again a little later.
 */
public class ExportsBusyException extends RuntimeException {

    /** How long, in seconds, a refused client is asked to wait before trying again. */
    public static final int RETRY_AFTER_SECONDS = 5;

    ExportsBusyException() {
        super("As many audit exports as this instance runs at once are in progress; try again in a few seconds.");
    }
}
