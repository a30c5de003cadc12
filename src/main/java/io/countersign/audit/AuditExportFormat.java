package io.countersign.audit;

import io.countersign.shared.InvalidInputException;
import java.util.Locale;

/** The files the audit log can be exported as: one event per line either way. */
public enum AuditExportFormat {
    CSV("text/csv; charset=utf-8", "csv"),
    JSONL("application/jsonl; charset=utf-8", "jsonl");

    private final String contentType;
    private final String extension;

    AuditExportFormat(String contentType, String extension) {
        this.contentType = contentType;
        this.extension = extension;
    }

    public String contentType() {
        return contentType;
    }

    public String extension() {
        return extension;
    }

    /** @throws InvalidInputException naming {@code format} when it is missing or not one of ours */
    public static AuditExportFormat parse(String raw) {
        if (raw != null) {
            for (AuditExportFormat format : values()) {
                if (format.extension.equals(raw.trim().toLowerCase(Locale.ROOT))) {
                    return format;
                }
            }
        }
        throw InvalidInputException.of("format", "invalid_value", "must be 'csv' or 'jsonl'");
    }
}
