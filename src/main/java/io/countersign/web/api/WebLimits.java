package io.countersign.web.api;

import io.countersign.shared.settings.Setting;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * How large a request body may be: {@code maxImportSize} for {@code POST /api/v1/import} (bundles of
 * thousands of entries), {@code maxBodySize} for every other call; and how long it may take to arrive
 * ({@link SlowBodies}).
 *
 * @param maxBodySize largest request body of any call but the import
 * @param maxImportSize largest bundle for POST /api/v1/import
 * @param bodyTimeout longest time a request body, but the import's, may take to arrive in full, and the
 *     longest pause in any body; a body that takes longer is cut off and the call refused
 */
@ConfigurationProperties("countersign.web")
public record WebLimits(
        @DefaultValue("1MB") DataSize maxBodySize,
        @DefaultValue("32MB") DataSize maxImportSize,
        @DefaultValue("20s") Duration bodyTimeout) {

    /** A limit of 0 or less would refuse every body, and so every call, the health probes' included. */
    public WebLimits {
        new Setting("countersign.web.max-body-size", "COUNTERSIGN_MAX_BODY_SIZE").requirePositive(maxBodySize);
        if (maxImportSize.toBytes() < 1) {
            throw new Setting("countersign.web.max-import-size", "COUNTERSIGN_MAX_IMPORT_SIZE")
                    .refused(maxImportSize, "must be positive, e.g. 32MB");
        }
        new Setting("countersign.web.body-timeout", "COUNTERSIGN_BODY_TIMEOUT")
                .requireAtLeast(Duration.ofSeconds(1), "1s", bodyTimeout);
    }

    static final String IMPORT_PATH = "/api/v1/import";

    long limitFor(String path) {
        return (IMPORT_PATH.equals(path) ? maxImportSize : maxBodySize).toBytes();
    }
}
