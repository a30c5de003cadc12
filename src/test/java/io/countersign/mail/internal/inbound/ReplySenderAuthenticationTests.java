package io.countersign.mail.internal.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * With a trusted authserv-id set, only that server's Authentication-Results verdict for the sender's
 * own domain vouches for a reply: a header another server wrote, or one the receiving server's rule
 * would not have stripped, says nothing.
 */
class ReplySenderAuthenticationTests {

    private final ReplyParser parser = ReplyParserTests.parser(List.of(), null);

    @Test
    void withATrustedAuthservIdOnlyItsVerdictForTheSendersDomainCounts() {
        ReplyParser strict = ReplyParserTests.parser(List.of(), "mx.example.com");
        String trustedPass = "Authentication-Results: mx.example.com; dmarc=pass (p=reject) header.from=example.com";
        String trustedSpf = "Authentication-Results: mx.example.com 1; spf=pass smtp.mailfrom=lisa@example.com";
        String trustedFail = "Authentication-Results: mx.example.com; dmarc=fail header.from=example.com";
        String otherDomain = "Authentication-Results: mx.example.com; dkim=pass header.d=evil.example.net";
        String forged = "Authentication-Results: evil.example.net; dmarc=pass header.from=example.com";

        assertThat(strict.read(withHeader(trustedPass)).reply()).isNotNull();
        assertThat(strict.read(withHeader(trustedSpf)).reply()).isNotNull();
        assertThat(strict.read(withHeader(trustedFail)).refusal()).contains("not authenticated by mx.example.com");
        assertThat(strict.read(withHeader(trustedFail)).unanswered()).isTrue();
        assertThat(strict.read(withHeader(trustedPass)).unanswered()).isFalse();
        assertThat(strict.read(withHeader(otherDomain)).refusal()).contains("not authenticated");
        assertThat(strict.read(withHeader(forged)).refusal()).contains("not authenticated");
        assertThat(parser.read(withHeader(forged)).reply()).isNotNull();
    }

    @Test
    void aVerdictForADomainVouchesForNoLookAlikeOfIt() {
        ReplyParser strict = ReplyParserTests.parser(List.of(), "mx.example.com");
        String verdict = "Authentication-Results: mx.example.com; dmarc=pass header.from=kitchen.example.com";

        assertThat(strict.read(from("lisa@kitchen.example.com", verdict)).reply())
                .isNotNull();
        assertThat(strict.read(from("lisa@\u212Aitchen.example.com", verdict)).refusal())
                .as("the Kelvin sign lower-cases to k outside ASCII")
                .contains("not authenticated");
    }

    @Test
    void aTrustedIdThatTheReceivingServersRuleWouldNotStripSaysNothing() {
        ReplyParser strict = ReplyParserTests.parser(List.of(), "mx.example.com");
        String behindAComment = "Authentication-Results: (forged) mx.example.com; dmarc=pass header.from=example.com";
        String spaceBeforeTheColon = "Authentication-Results : mx.example.com; dmarc=pass header.from=example.com";
        String folded = "Authentication-Results:\r\n mx.example.com;\r\n\tdmarc=pass header.from=example.com";

        assertThat(strict.read(withHeader(behindAComment)).refusal()).contains("not authenticated");
        assertThat(strict.read(withHeader(behindAComment)).unanswered())
                .as("a From address that nothing vouches for is not answered")
                .isTrue();
        assertThat(strict.read(withHeader(spaceBeforeTheColon)).refusal()).contains("not authenticated");
        assertThat(strict.read(withHeader(folded)).reply()).isNotNull();
    }

    @Test
    void aReadingIsAuthenticatedOnlyWhenTheTrustedServiceVouchedForItsSender() {
        ReplyParser strict = ReplyParserTests.parser(List.of(), "mx.example.com");
        String trustedPass = "Authentication-Results: mx.example.com; dmarc=pass header.from=example.com";
        String trustedFail = "Authentication-Results: mx.example.com; dmarc=fail header.from=example.com";
        byte[] vouchedButRefused = ReplyMail.answering(ReplyParserTests.REQUEST, "", "Approve")
                .to("countersign@example.com")
                .body("text/plain", StandardCharsets.UTF_8, "Approve\n")
                .header(trustedPass)
                .bytes();

        assertThat(strict.read(withHeader(trustedPass)).authenticated()).isTrue();
        assertThat(strict.read(vouchedButRefused).refusal()).contains("no reply code");
        assertThat(strict.read(vouchedButRefused).authenticated()).isTrue();
        assertThat(strict.read(withHeader(trustedFail)).authenticated()).isFalse();
        assertThat(parser.read(withHeader(trustedPass)).authenticated())
                .as("without a trusted service nothing vouches for a sender")
                .isFalse();
    }

    private static byte[] from(String sender, String header) {
        return ReplyMail.answering(ReplyParserTests.REQUEST, ReplyParserTests.TOKEN, "Approve")
                .from(sender)
                .header(header)
                .bytes();
    }

    private static byte[] withHeader(String header) {
        return ReplyMail.answering(ReplyParserTests.REQUEST, ReplyParserTests.TOKEN, "Approve")
                .header(header)
                .bytes();
    }
}
