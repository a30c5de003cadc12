package io.countersign.mail.internal.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import io.countersign.mail.internal.inbound.HostileMail.Case;
import io.countersign.mail.internal.inbound.HostileMail.Expected;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class ReplyParserTests {

    static final String REQUEST = "req-84a2c3f9kq7mzx3e";
    static final String TOKEN = "abcdefghijklmnopqrstuvwxyz234567";
    static final String OTHER = "zyxwvutsrqponmlkjihgfedcba765432";
    static final int ONE_MEGABYTE = 1024 * 1024;

    private final ReplyParser parser = parser(List.of("lgtm", "Genehmigt"), null);

    static ReplyParser parser(List<String> keywords, String trustedAuthservId) {
        return new ReplyParser(new ReplyWords(keywords, 80), ONE_MEGABYTE, trustedAuthservId);
    }

    private ParsedReply reply(ReplyMail mail) {
        Reading reading = parser.read(mail.bytes());
        assertThat(reading.refusal()).isNull();
        return reading.reply();
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "Approve|true",
                "approved|true",
                "Yes|true",
                "OK|true",
                "ok.|true",
                "YES!!!|true",
                "ApPrOvEd, go ahead|true",
                "Yes…|true",
                "lgtm|true",
                "LGTM :)|true",
                "genehmigt.|true",
                "Reject|false",
                "No|false",
                "Rejected.|false",
                "Maybe yes|false",
                "yesterday I said no|false",
                "Approve-ish|false",
                "not ok|false",
                "Yes\u00A0please|true",
                "Yes\u2003please|true",
                "Approve\u2028now|true",
                "No\u00A0way|false"
            })
    void theFirstWordOfTheFirstLineDecides(String firstLine, boolean approves) {
        ParsedReply reply = reply(ReplyMail.answering(REQUEST, TOKEN, firstLine));

        assertThat(reply.approve()).isEqualTo(approves);
        assertThat(reply.comment()).isEqualTo(firstLine);
    }

    @Test
    void aReplyNamesItsRequestTokenAndSender() {
        ParsedReply reply = reply(ReplyMail.answering(REQUEST, TOKEN, "Approve").from("Lisa Lead <Lisa@Example.com>"));

        assertThat(reply.requestId()).isEqualTo(REQUEST);
        assertThat(reply.token()).isEqualTo(TOKEN);
        assertThat(reply.sender()).isEqualTo("lisa@example.com");
        assertThat(reply.references()).containsExactly("<" + REQUEST + ".1@countersign.example.com>");
        assertThat(reply.toString()).doesNotContain(TOKEN);
    }

    @Test
    void aSenderWrittenInUtf8IsReadAsWritten() {
        ParsedReply reply = reply(ReplyMail.answering(REQUEST, TOKEN, "Approve").from("Лиза <Lisa@Exаmple.com>"));

        assertThat(reply.sender()).isEqualTo("lisa@exаmple.com");
    }

    @Test
    void aSenderSpelledWithALetterThatLowerCasesToAsciiIsNotReadAsTheAsciiAddress() {
        ParsedReply reply = reply(ReplyMail.answering(REQUEST, TOKEN, "Approve").from("Kate <\u212Aate@Example.com>"));

        assertThat(reply.sender()).isEqualTo("\u212Aate@example.com");
    }

    @Test
    void theQuotedOriginalBelowTheFirstLineIsIgnored() {
        String body = "\n\n  Rejected: not during the freeze  \nThanks\n-- \nLisa\n\n> Approve\n> Reply code: " + TOKEN
                + "\n";
        ParsedReply reply = reply(ReplyMail.answering(REQUEST, TOKEN, "").text(body));

        assertThat(reply.approve()).isFalse();
        assertThat(reply.comment()).isEqualTo("Rejected: not during the freeze");
    }

    @Test
    void anHtmlOnlyReplyIsReadAsText() {
        String html = "<html><head><style>div{}</style></head><body><div dir=\"ltr\">Approved&nbsp;&amp; thanks</div>"
                + "<br><div class=\"gmail_quote\"><div>On Mon, Countersign wrote:</div><blockquote>Reject<br>Reply code: "
                + TOKEN + "</blockquote></div></body></html>";
        ParsedReply reply = reply(ReplyMail.answering(REQUEST, TOKEN, "")
                .to("countersign@example.com")
                .body("text/html; charset=utf-8", StandardCharsets.UTF_8, html));

        assertThat(reply.approve()).isTrue();
        assertThat(reply.comment()).isEqualTo("Approved & thanks");
        assertThat(reply.token()).isEqualTo(TOKEN);
    }

    @Test
    void aLatin1ReplyIsDecodedWithItsCharset() {
        ParsedReply reply = reply(ReplyMail.answering(REQUEST, TOKEN, "")
                .body(
                        "text/plain; charset=ISO-8859-1",
                        StandardCharsets.ISO_8859_1,
                        "Genehmigt, schöne Grüße\n\n> Reply code: " + TOKEN + "\n"));

        assertThat(reply.approve()).isTrue();
        assertThat(reply.comment()).isEqualTo("Genehmigt, schöne Grüße");
    }

    @ParameterizedTest
    @CsvSource({"UTF-7", "x-no-such-charset", "\"utf 8\""})
    void aReplyInACharsetThatCannotBeDecodedIsRefusedUnread(String charset) {
        Reading reading = parser.read(ReplyMail.answering(REQUEST, TOKEN, "")
                .body(
                        "text/plain; charset=" + charset,
                        StandardCharsets.US_ASCII,
                        "+AEE-pprove utf7\n\n> Reply code: " + TOKEN + "\n")
                .bytes());

        assertThat(reading.reply()).isNull();
        assertThat(reading.refusal()).isEqualTo("the message could not be read");
    }

    @Test
    void aReplyThatDeclaresNoCharsetIsReadAsUtf8() {
        ParsedReply reply = reply(ReplyMail.answering(REQUEST, TOKEN, "")
                .body(
                        "text/plain",
                        StandardCharsets.UTF_8,
                        "Genehmigt, schöne Grüße\n\n> Reply code: " + TOKEN + "\n"));

        assertThat(reply.comment()).isEqualTo("Genehmigt, schöne Grüße");
    }

    @Test
    void aFlowedFirstLineStaysOneComment() {
        ParsedReply reply = reply(ReplyMail.answering(REQUEST, TOKEN, "")
                .body(
                        "text/plain; charset=utf-8; format=flowed",
                        StandardCharsets.UTF_8,
                        "Reject, the change window \nstarts tomorrow\n\n> Reply code: " + TOKEN + "\n"));

        assertThat(reply.comment()).isEqualTo("Reject, the change window starts tomorrow");
    }

    @Test
    void theCommentLosesControlCharactersAndIsShortened() {
        ParsedReply reply =
                reply(ReplyMail.answering(REQUEST, TOKEN, "Approve\u0007 \u001b[31mnow " + "xxxxxxxxx ".repeat(20)));

        assertThat(reply.approve()).isTrue();
        assertThat(reply.comment())
                .hasSize(80)
                .startsWith("Approve   [31mnow xxx")
                .doesNotContain("\u001b");
    }

    @Test
    void theTokenMayComeFromTheReplyCodeLineAlone() {
        ParsedReply reply = reply(ReplyMail.answering(REQUEST, TOKEN, "Approve").to("countersign@example.com"));

        assertThat(reply.token()).isEqualTo(TOKEN);
    }

    @Test
    void aReplyCodeQuotedFromTheJustificationDoesNotOutvoteThePlusAddress() {
        ParsedReply reply =
                reply(ReplyMail.answering(REQUEST, TOKEN, "Approve").text("Approve\n\n" + quotedNotification(OTHER)));

        assertThat(reply.token()).isEqualTo(TOKEN);
    }

    @Test
    void withoutAPlusAddressACodeTypedAboveTheQuoteIsTheOneRead() {
        ParsedReply reply = reply(ReplyMail.answering(REQUEST, TOKEN, "Approve")
                .to("countersign@example.com")
                .text("Approve\nReply code: " + TOKEN + "\n\n" + quotedNotification(OTHER)));

        assertThat(reply.token()).isEqualTo(TOKEN);
    }

    @Test
    void withoutAPlusAddressOrATypedCodeTwoCodesInTheQuoteAreRefused() {
        Reading reading = parser.read(ReplyMail.answering(REQUEST, TOKEN, "Approve")
                .to("countersign@example.com")
                .text("Approve\n\n" + quotedNotification(OTHER))
                .bytes());

        assertThat(reading.reply()).isNull();
        assertThat(reading.refusal()).isEqualTo("the reply carries more than one reply code");
    }

    @Test
    void aTypedReplyCodeLineAboveTheDecisionIsWhereTheCodeIsReadNotTheDecision() {
        ParsedReply reply = reply(ReplyMail.answering(REQUEST, TOKEN, "")
                .to("countersign@example.com")
                .text("Reply code: " + TOKEN + "\nApprove\n\n> Reply code: " + TOKEN + "\n"));

        assertThat(reply.token()).isEqualTo(TOKEN);
        assertThat(reply.approve()).isTrue();
        assertThat(reply.comment()).isEqualTo("Approve");
    }

    @Test
    void aTypedCodeOtherThanThePlusAddresssLeavesTheReplyAmbiguous() {
        Reading reading = parser.read(ReplyMail.answering(REQUEST, TOKEN, "")
                .text("Reply code: " + OTHER + "\nApprove\n\n> Reply code: " + TOKEN + "\n")
                .bytes());

        assertThat(reading.reply()).isNull();
        assertThat(reading.refusal()).isEqualTo("the reply carries more than one reply code");
    }

    @Test
    void nothingThatLooksLikeAReplyCodeReachesTheComment() {
        ParsedReply reply = reply(ReplyMail.answering(
                REQUEST, TOKEN, "No: " + OTHER.toUpperCase() + ", +" + OTHER + "@ x" + OTHER + "9"));

        assertThat(reply.approve()).isFalse();
        assertThat(reply.comment())
                .isEqualTo("No: [reply code removed], +[reply code removed]@ [reply code removed]9")
                .doesNotContainIgnoringCase(OTHER);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "Am Sa., 5. Dez. 2026 um 20:10 Uhr schrieb Acme PAM <countersign@example.com>:",
                "Le sam. 5 déc. 2026 à 20:10, Acme PAM <countersign@example.com> a écrit :",
                "2026年12月5日(土) 20:10 Acme PAM <countersign@example.com>:",
                "W dniu 5.12.2026 o 20:10, Acme PAM pisze:"
            })
    void anEmptyReplyDecidesNothingWhateverLanguageItsAttributionIsIn(String attribution) {
        Reading reading = parser.read(ReplyMail.answering(REQUEST, TOKEN, "")
                .text("\n" + attribution + "\n\n> Reply code: " + TOKEN + "\n")
                .bytes());

        assertThat(reading.reply()).isNull();
        assertThat(reading.refusal()).isEqualTo("the reply has no first line to read");
    }

    @Test
    void aLineTypedAboveAnAttributionInAnyLanguageDecides() {
        ParsedReply reply = reply(ReplyMail.answering(REQUEST, TOKEN, "")
                .text("Genehmigt\nAm Sa., 5. Dez. 2026 um 20:10 Uhr schrieb Acme PAM:\n> Reply code: " + TOKEN + "\n"));

        assertThat(reply.approve()).isTrue();
        assertThat(reply.comment()).isEqualTo("Genehmigt");
    }

    @Test
    void aBottomPostedReplyIsRefused() {
        Reading reading = parser.read(ReplyMail.answering(REQUEST, TOKEN, "")
                .text("On Sat, Acme PAM wrote:\n> Reply code: " + TOKEN + "\n\nApprove\n")
                .bytes());

        assertThat(reading.reply()).isNull();
        assertThat(reading.refusal()).isEqualTo("the reply has no first line to read");
    }

    /** The notification as a mail program quotes it, with a requester's justification holding a code. */
    private static String quotedNotification(String codeInTheJustification) {
        return "On Mon, 30 Nov 2026 at 07:00, Countersign <countersign@example.com> wrote:\n"
                + "> Justification: see Reply code: " + codeInTheJustification + "\n"
                + "> Reply code: " + TOKEN + "\n";
    }

    @Test
    void theRequestMayComeFromTheReferencesAlone() {
        ParsedReply reply = reply(ReplyMail.answering(REQUEST, TOKEN, "Approve").subject("Re: that request"));

        assertThat(reply.requestId()).isEqualTo(REQUEST);
    }

    @Test
    void aSubjectAndReferencesThatDisagreeAreRefused() {
        Reading reading = parser.read(ReplyMail.answering(REQUEST, TOKEN, "Approve")
                .inReplyTo("<req-99a2c3f9kq7mzx3e.1@countersign.example.com>")
                .bytes());

        assertThat(reading.refusal()).contains("different requests");
    }

    @Test
    void anAttributionWrappedOverTwoLinesIsNotTheFirstLine() {
        Reading reading = parser.read(ReplyMail.answering(REQUEST, TOKEN, "")
                .body(
                        "text/plain",
                        StandardCharsets.UTF_8,
                        "On Mon, 30 Nov 2026 at 07:00, Countersign <countersign+" + TOKEN
                                + "@example.com>\nwrote:\n> Reply code: " + TOKEN + "\n")
                .bytes());

        assertThat(reading.refusal()).contains("no first line");
    }

    static Stream<Case> corpus() {
        return HostileMail.CORPUS.stream();
    }

    @ParameterizedTest
    @MethodSource("corpus")
    void hostileMailNeverApproves(Case hostile) {
        Reading reading = parser.read(HostileMail.load(hostile.file(), REQUEST, TOKEN, "lisa@example.com"));

        switch (hostile.expected()) {
            case AUTOMATIC -> {
                assertThat(reading.automatic()).isTrue();
                assertThat(reading.refusal()).contains(hostile.reason());
            }
            case REFUSED -> {
                assertThat(reading.automatic()).isFalse();
                assertThat(reading.refusal()).contains(hostile.reason());
            }
            case REJECTS -> {
                assertThat(reading.reply()).isNotNull();
                assertThat(reading.reply().approve()).isFalse();
                if (hostile.reason() != null) {
                    assertThat(reading.reply().comment()).isEqualTo(hostile.reason());
                }
            }
        }
        assertThat(hostile.expected() == Expected.REJECTS || reading.reply() == null)
                .isTrue();
    }

    @Test
    void theCorpusHoldsAtLeastTwelveMessages() {
        assertThat(HostileMail.CORPUS).hasSizeGreaterThanOrEqualTo(12);
    }
}
