package io.countersign.security;

import io.countersign.shared.settings.Setting;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Password sign-in limits.
 *
 * @param maxFailures failed sign-ins within the lockout window after which a username is locked
 * @param lockoutWindow how far back failures count; a locked username or address opens again once its
 *     failures are older than this
 * @param maxFailuresPerAddress failed sign-ins from one client address, whatever usernames they named,
 *     within the lockout window after which that address is refused
 */
@ConfigurationProperties("countersign.security.sign-in")
public record SignInProperties(
        @DefaultValue("5") int maxFailures,
        @DefaultValue("PT15M") Duration lockoutWindow,
        @DefaultValue("30") int maxFailuresPerAddress) {

    public SignInProperties {
        new Setting("countersign.security.sign-in.max-failures", "COUNTERSIGN_SIGN_IN_MAX_FAILURES")
                .requireAtLeast(1, maxFailures);
        new Setting(
                        "countersign.security.sign-in.max-failures-per-address",
                        "COUNTERSIGN_SIGN_IN_MAX_FAILURES_PER_ADDRESS")
                .requireAtLeast(1, maxFailuresPerAddress);
        new Setting("countersign.security.sign-in.lockout-window", "COUNTERSIGN_SIGN_IN_LOCKOUT_WINDOW")
                .requirePositive(lockoutWindow);
    }
}
