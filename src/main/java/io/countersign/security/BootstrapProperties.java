package io.countersign.security;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The first administrator's credentials. Left empty, both are generated and printed once; set them
 * (COUNTERSIGN_BOOTSTRAP_ADMIN_PASSWORD, COUNTERSIGN_BOOTSTRAP_ADMIN_TOKEN) for unattended installs.
 *
 * @param adminPassword password of the first administrator, created only on an empty database
 *     (generated and printed once when unset)
 * @param adminToken API token of the first administrator, at least 24 characters (generated and
 *     printed once when unset)
 * @param adminEmail e-mail address of the first administrator (admin@localhost when unset)
 */
@ConfigurationProperties("countersign.bootstrap")
public record BootstrapProperties(String adminPassword, String adminToken, String adminEmail) {}
