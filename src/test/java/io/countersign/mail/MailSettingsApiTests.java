package io.countersign.mail;

import static io.countersign.testing.Api.issues;
import static org.assertj.core.api.Assertions.assertThat;

import io.countersign.notify.RecordedEvents;
import io.countersign.shared.secrets.EncryptionProperties;
import io.countersign.shared.secrets.SecretCipher;
import io.countersign.testing.Api;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

@MailTest
class MailSettingsApiTests {

    static final String SMTP_PASSWORD = "smtp-password-4f9a";
    static final String IMAP_PASSWORD = "imap-password-77c1";

    @Autowired
    Api api;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    MailSettingsService settings;

    @Autowired
    RecordedEvents recorded;

    @Test
    void savedSettingsAreShownWithoutTheirPasswords() {
        var saved = api.asAdmin().put("/api/v1/settings/mail", Api.json(full())).expect(200);
        var read = api.asAdmin().get("/api/v1/settings/mail").expect(200);

        for (var response : List.of(saved, read)) {
            JsonNode json = response.json();
            assertThat(json.get("smtp").get("host").asString()).isEqualTo("smtp.example.com");
            assertThat(json.get("smtp").get("port").asInt()).isEqualTo(587);
            assertThat(json.get("smtp").get("security").asString()).isEqualTo("STARTTLS");
            assertThat(json.get("smtp").get("username").asString()).isEqualTo("countersign");
            assertThat(json.get("smtp").get("passwordSet").asBoolean()).isTrue();
            assertThat(json.get("smtp").get("from").asString()).isEqualTo("countersign@example.com");
            assertThat(json.get("imap").get("host").asString()).isEqualTo("imap.example.com");
            assertThat(json.get("imap").get("port").asInt()).isEqualTo(993);
            assertThat(json.get("imap").get("security").asString()).isEqualTo("TLS");
            assertThat(json.get("imap").get("folder").asString()).isEqualTo("Inbox/PAM Workflow Approvals");
            assertThat(json.get("imap").get("passwordSet").asBoolean()).isTrue();
            assertThat(json.get("approveByMail").asBoolean()).isTrue();
            assertThat(json.get("approveKeywords").valueStream().map(JsonNode::asString))
                    .containsExactly("Granted", "Go");
            assertThat(response.body())
                    .doesNotContain(SMTP_PASSWORD)
                    .doesNotContain(IMAP_PASSWORD)
                    .doesNotContain("\"password\"");
        }
    }

    @Test
    void aSaveWithoutAPasswordKeepsTheStoredOneAndAnEmptyOneRemovesIt() {
        api.asAdmin().put("/api/v1/settings/mail", Api.json(full())).expect(200);
        // what a settings page sends back: the settings as read, passwordSet included, no password
        JsonNode asRead = api.asAdmin().get("/api/v1/settings/mail").expect(200).json();

        api.asAdmin().put("/api/v1/settings/mail", asRead.toString()).expect(200);

        assertThat(settings.current().smtp().password()).isEqualTo(SMTP_PASSWORD);
        assertThat(settings.current().imap().password()).isEqualTo(IMAP_PASSWORD);

        Map<String, Object> body = full();
        smtp(body).put("password", "");
        api.asAdmin().put("/api/v1/settings/mail", Api.json(body)).expect(200);
        assertThat(settings.current().smtp().password()).isNull();
        assertThat(api.asAdmin()
                        .get("/api/v1/settings/mail")
                        .json()
                        .get("smtp")
                        .get("passwordSet")
                        .asBoolean())
                .isFalse();
        assertThat(settings.current().imap().password()).isEqualTo(IMAP_PASSWORD);
    }

    @Test
    void passwordsAreEncryptedAtRest() {
        api.asAdmin().put("/api/v1/settings/mail", Api.json(full())).expect(200);

        var stored = jdbc.sql("select smtp_password, imap_password from mail_settings")
                .query((rs, row) -> List.of(rs.getString(1), rs.getString(2)))
                .single();

        assertThat(stored)
                .allSatisfy(value -> assertThat(value)
                        .startsWith("v1:")
                        .doesNotContain(SMTP_PASSWORD)
                        .doesNotContain(IMAP_PASSWORD));
        assertThat(settings.current().smtp().password()).isEqualTo(SMTP_PASSWORD);
    }

    @Test
    void aPasswordSealedWithAnotherKeyReadsAsNoneAndCanBeEnteredAgain() {
        api.asAdmin().put("/api/v1/settings/mail", Api.json(full())).expect(200);
        SecretCipher otherInstance = new SecretCipher(new EncryptionProperties(
                Base64.getEncoder().encodeToString("another-instance-key-of-32-bytes".getBytes()), null));
        jdbc.sql("update mail_settings set smtp_password = ?")
                .param(otherInstance.encrypt(SMTP_PASSWORD, "mail_settings:smtp_password"))
                .update();

        var read = api.asAdmin().get("/api/v1/settings/mail").expect(200).json();
        assertThat(read.get("smtp").get("passwordSet").asBoolean()).isFalse();
        assertThat(read.get("imap").get("passwordSet").asBoolean()).isTrue();
        assertThat(api.asAdmin().get("/actuator/health/secrets").status()).isEqualTo(503);

        api.asAdmin().put("/api/v1/settings/mail", Api.json(full())).expect(200);

        assertThat(settings.current().smtp().password()).isEqualTo(SMTP_PASSWORD);
        api.asAdmin().get("/actuator/health/secrets").expect(200);
    }

    @Test
    void invalidSettingsReportEveryIssueAtOnceAndChangeNothing() {
        api.asAdmin().put("/api/v1/settings/mail", Api.json(full())).expect(200);
        Map<String, Object> body = full();
        smtp(body).put("host", "https://smtp.example.com:25");
        smtp(body).put("port", 0);
        smtp(body).put("from", "not an address");
        Map<String, Object> imap = imap(body);
        imap.put("host", "imap example com");
        imap.put("port", 70000);
        imap.put("trustedCertificate", "-----BEGIN CERTIFICATE-----\nnope\n-----END CERTIFICATE-----");
        body.put("approveKeywords", List.of("fine", "two words", "a,b", ""));
        body.put("instanceName", "Acme\nPAM");

        var response = api.asAdmin().put("/api/v1/settings/mail", Api.json(body));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(issues(response.json()))
                .containsExactlyInAnyOrder(
                        "smtp.host:invalid_host",
                        "smtp.port:out_of_range",
                        "smtp.from:invalid_address",
                        "imap.host:invalid_host",
                        "imap.port:out_of_range",
                        "imap.trustedCertificate:invalid_certificate",
                        "approveKeywords[1]:not_a_word",
                        "approveKeywords[2]:not_a_word",
                        "approveKeywords[3]:not_a_word",
                        "instanceName:invalid_character");
        assertThat(settings.current().smtp().host()).isEqualTo("smtp.example.com");
    }

    @Test
    void anUnknownSecurityIsReportedWithTheOtherIssuesAndChangesNothing() {
        api.asAdmin().put("/api/v1/settings/mail", Api.json(full())).expect(200);
        Map<String, Object> body = full();
        smtp(body).remove("host");
        smtp(body).put("port", 0);
        smtp(body).put("security", "BOGUS");
        // a password pasted into the wrong field must not come back in the answer
        imap(body).put("security", "pasted-secret-5c2e");

        var response = api.asAdmin().put("/api/v1/settings/mail", Api.json(body));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(issues(response.json()))
                .containsExactlyInAnyOrder(
                        "smtp.host:required",
                        "smtp.port:out_of_range",
                        "smtp.security:invalid_value",
                        "imap.security:invalid_value");
        assertThat(response.json().get("errors").valueStream())
                .filteredOn(issue -> issue.get("code").asString().equals("invalid_value"))
                .allSatisfy(issue ->
                        assertThat(issue.get("message").asString()).isEqualTo("must be one of NONE, STARTTLS, TLS"));
        assertThat(response.body()).doesNotContain("BOGUS").doesNotContain("pasted-secret-5c2e");
        JsonNode read = api.asAdmin().get("/api/v1/settings/mail").expect(200).json();
        assertThat(read.get("smtp").get("host").asString()).isEqualTo("smtp.example.com");
        assertThat(read.get("smtp").get("port").asInt()).isEqualTo(587);
        assertThat(read.get("smtp").get("security").asString()).isEqualTo("STARTTLS");
        assertThat(read.get("imap").get("security").asString()).isEqualTo("TLS");
    }

    @Test
    void imapSettingsWithoutAnImapHostAreRefusedOneByOneAndChangeNothing() {
        api.asAdmin().put("/api/v1/settings/mail", Api.json(full())).expect(200);
        Map<String, Object> body = full();
        body.put("approveByMail", false);
        Map<String, Object> imap = imap(body);
        imap.put("host", " ");
        imap.put("port", 70000);
        imap.put("username", "someone-else");
        imap.put("password", "new-imap-password-93d1");
        imap.put("security", "STARTTLS");

        var response = api.asAdmin().put("/api/v1/settings/mail", Api.json(body));

        assertThat(response.status()).isEqualTo(400);
        assertThat(issues(response.json()))
                .containsExactlyInAnyOrder(
                        "imap.port:out_of_range",
                        "imap.security:not_applicable",
                        "imap.username:not_applicable",
                        "imap.password:not_applicable",
                        "imap.folder:not_applicable");
        assertThat(response.body()).doesNotContain("new-imap-password-93d1");
        JsonNode read = api.asAdmin().get("/api/v1/settings/mail").expect(200).json();
        assertThat(read.get("imap").get("host").asString()).isEqualTo("imap.example.com");
        assertThat(read.get("imap").get("username").asString()).isEqualTo("countersign");
        assertThat(read.get("approveByMail").asBoolean()).isTrue();
        assertThat(settings.current().imap().password()).isEqualTo(IMAP_PASSWORD);
    }

    @Test
    void settingsWithoutAnImapServerCanBeSentBackAsReadAndAHostLeftOutRemovesTheServer() {
        api.asAdmin().put("/api/v1/settings/mail", Api.json(full())).expect(200);
        Map<String, Object> body = full();
        body.put("approveByMail", false);
        body.put("imap", Map.of("host", ""));

        api.asAdmin().put("/api/v1/settings/mail", Api.json(body)).expect(200);
        JsonNode asRead = api.asAdmin().get("/api/v1/settings/mail").expect(200).json();
        api.asAdmin().put("/api/v1/settings/mail", asRead.toString()).expect(200);

        assertThat(settings.current().imap()).isNull();
        assertThat(asRead.get("imap").get("port").asInt()).isEqualTo(993);
        assertThat(asRead.get("imap").get("folder").asString()).isEqualTo("INBOX");
    }

    @Test
    void wordsThatRejectAreNoApproveKeywords() {
        api.asAdmin().put("/api/v1/settings/mail", Api.json(full())).expect(200);
        Map<String, Object> body = full();
        body.put("approveKeywords", List.of("fine", "No", "REJECT", "rejected", "denied-"));

        var response = api.asAdmin().put("/api/v1/settings/mail", Api.json(body));

        assertThat(response.status()).isEqualTo(400);
        assertThat(issues(response.json()))
                .containsExactlyInAnyOrder(
                        "approveKeywords[1]:rejecting_word",
                        "approveKeywords[2]:rejecting_word",
                        "approveKeywords[3]:rejecting_word",
                        "approveKeywords[4]:rejecting_word");
        assertThat(settings.current().approveKeywords()).containsExactly("Granted", "Go");
    }

    @Test
    void wordsThatApproveAlreadyAreNoApproveKeywords() {
        api.asAdmin().put("/api/v1/settings/mail", Api.json(full())).expect(200);
        Map<String, Object> body = full();
        body.put("approveKeywords", List.of("fine", "YES", "ok"));

        var response = api.asAdmin().put("/api/v1/settings/mail", Api.json(body));

        assertThat(response.status()).isEqualTo(400);
        assertThat(issues(response.json()))
                .containsExactly("approveKeywords[1]:invalid_value", "approveKeywords[2]:invalid_value");
        assertThat(response.body()).contains("'YES' approves already");
        assertThat(settings.current().approveKeywords()).containsExactly("Granted", "Go");
    }

    @Test
    void aKeywordRepeatedInAnyCaseIsRefusedAndNothingChanges() {
        api.asAdmin().put("/api/v1/settings/mail", Api.json(full())).expect(200);
        Map<String, Object> body = full();
        body.put("approveKeywords", List.of("lgtm", "LGTM", "sure", "Ja"));

        var response = api.asAdmin().put("/api/v1/settings/mail", Api.json(body));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(issues(response.json())).containsExactly("approveKeywords[1]:duplicate");
        assertThat(response.body()).contains("'LGTM' repeats word 1 ('lgtm')");
        assertThat(settings.current().approveKeywords()).containsExactly("Granted", "Go");
    }

    @Test
    void approvingByMailNeedsAnImapMailboxAndSmtpIsRequired() {
        Map<String, Object> body = full();
        body.remove("imap");

        var noImap = api.asAdmin().put("/api/v1/settings/mail", Api.json(body));
        var noSmtp = api.asAdmin().put("/api/v1/settings/mail", "{}");

        assertThat(issues(noImap.expect(400).json())).containsExactly("imap.host:required");
        assertThat(issues(noSmtp.expect(400).json())).containsExactly("smtp:required");
    }

    @Test
    void theInstanceNameDefaultsToTheConfiguredOne() {
        Map<String, Object> body = full();
        body.remove("instanceName");
        api.asAdmin().put("/api/v1/settings/mail", Api.json(body)).expect(200);
        assertThat(api.asAdmin()
                        .get("/api/v1/settings/mail")
                        .json()
                        .get("instanceName")
                        .asString())
                .isEqualTo(MailTest.INSTANCE_NAME);

        body.put("instanceName", "Production PAM");
        api.asAdmin().put("/api/v1/settings/mail", Api.json(body)).expect(200);
        assertThat(settings.current().instanceName()).isEqualTo("Production PAM");
    }

    @Test
    void anUpdateIsAuditedWithoutItsSecrets() {
        int before = recorded.about("settings:mail").size();

        api.asAdmin().put("/api/v1/settings/mail", Api.json(full())).expect(200);

        var events = recorded.about("settings:mail");
        assertThat(events).hasSize(before + 1);
        var event = events.get(events.size() - 1);
        assertThat(event.action()).isEqualTo("settings.mail_updated");
        assertThat(event.actor().username()).isEqualTo("admin");
        assertThat(event.note())
                .contains("smtp.example.com:587", "imap.example.com:993", "approve by mail on")
                .doesNotContain(SMTP_PASSWORD)
                .doesNotContain(IMAP_PASSWORD);
    }

    @Test
    void onlyAdministratorsReadChangeOrTestTheSettings() {
        String token = api.tokenHolder("mailuser", "USER");

        assertThat(api.as(token).get("/api/v1/settings/mail").status()).isEqualTo(403);
        assertThat(api.as(token).put("/api/v1/settings/mail", Api.json(full())).status())
                .isEqualTo(403);
        assertThat(api.as(token)
                        .post("/api/v1/settings/mail/test", "{\"to\":\"ops@example.com\"}")
                        .status())
                .isEqualTo(403);
        assertThat(api.anonymous().get("/api/v1/settings/mail").status()).isEqualTo(401);
    }

    static Map<String, Object> full() {
        Map<String, Object> smtp = new LinkedHashMap<>();
        smtp.put("host", "smtp.example.com");
        smtp.put("port", 587);
        smtp.put("security", "STARTTLS");
        smtp.put("username", "countersign");
        smtp.put("password", SMTP_PASSWORD);
        smtp.put("from", "countersign@example.com");
        Map<String, Object> imap = new LinkedHashMap<>();
        imap.put("host", "imap.example.com");
        imap.put("username", "countersign");
        imap.put("password", IMAP_PASSWORD);
        imap.put("folder", "Inbox/PAM Workflow Approvals");
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("smtp", smtp);
        body.put("imap", imap);
        body.put("approveByMail", true);
        body.put("approveKeywords", List.of("Granted", "Go"));
        body.put("instanceName", "Acme PAM");
        return body;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> smtp(Map<String, Object> body) {
        return (Map<String, Object>) body.get("smtp");
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> imap(Map<String, Object> body) {
        return (Map<String, Object>) body.get("imap");
    }
}
