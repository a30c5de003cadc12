package io.countersign.web.api;

import io.countersign.shared.settings.Setting;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * How large a request body may be: {@code maxImportSize} for {@code POST /api/v1/import} (bundles of
 * thousands of entries), {@code maxBodySize} for every other call.
 *
 * @param maxBodySize largest request body of any call but the import
 * @param maxImportSize largest bundle for POST /api/v1/import
 */
@ConfigurationProperties("countersign.web")
public record WebLimits(
        @DefaultValue("1MB") DataSize maxBodySize,
        @DefaultValue("64MB") DataSize maxImportSize) {

    /** A limit of 0 or less would refuse every body, and so every call, the health probes' included. */
    public WebLimits {
        new Setting("countersign.web.max-body-size", "COUNTERSIGN_MAX_BODY_SIZE").requirePositive(maxBodySize);
        if (maxImportSize.toBytes() < 1) {
            throw new Setting("countersign.web.max-import-size", "COUNTERSIGN_MAX_IMPORT_SIZE")
                    .refused(maxImportSize, "must be positive, e.g. 64MB");
        }
    }

    static final String IMPORT_PATH = "/api/v1/import";

    long limitFor(String path) {
        return (IMPORT_PATH.equals(path) ? maxImportSize : maxBodySize).toBytes();
    }
}
