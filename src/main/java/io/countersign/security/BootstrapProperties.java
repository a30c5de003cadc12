package io.countersign.security;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The first administrator's credentials. Left empty, both are generated and printed once; set them
 * (COUNTERSIGN_BOOTSTRAP_ADMIN_PASSWORD, COUNTERSIGN_BOOTSTRAP_ADMIN_TOKEN) for unattended installs.
 */
@ConfigurationProperties("countersign.bootstrap")
public record BootstrapProperties(String adminPassword, String adminToken, String adminEmail) {}
