package io.countersign.mail.internal.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * An auto-reply without a header saying so is told by its subject, in the languages mail programs
 * write it in: read as a decision, its first line ("I am out of the office") would reject the request.
 */
class AutomaticMailTests {

    @ParameterizedTest
    @ValueSource(
            strings = {
                "Automatic reply: Countersign - Access Approval Notification - #req-1",
                "Automatische Antwort: Countersign - Access Approval Notification - #req-1",
                "Réponse automatique : Countersign - Access Approval Notification - #req-1",
                "Reponse automatique: Countersign - Access Approval Notification - #req-1",
                "Risposta automatica: Countersign - Access Approval Notification - #req-1",
                "Automatisch antwoord: Countersign - Access Approval Notification - #req-1",
                "Respuesta automática: Countersign - Access Approval Notification - #req-1",
                "Resposta automática: Countersign - Access Approval Notification - #req-1",
                "Automatiskt svar: Countersign - Access Approval Notification - #req-1",
                "Autosvar: Countersign - Access Approval Notification - #req-1",
                "Automaattinen vastaus: Countersign - Access Approval Notification - #req-1",
                "Automatyczna odpowiedź: Countersign - Access Approval Notification - #req-1",
                "Automatická odpověď: Countersign - Access Approval Notification - #req-1",
                "Автоматический ответ: Countersign - Access Approval Notification - #req-1",
                "自动回复: Countersign - Access Approval Notification - #req-1",
                "Fuera de la oficina: Countersign - Access Approval Notification - #req-1",
                "Out of Office: Countersign - Access Approval Notification - #req-1",
                "Vacation: Countersign - Access Approval Notification - #req-1",
                "Away: Countersign - Access Approval Notification - #req-1",
                "OOO: Countersign - Access Approval Notification - #req-1",
                "[Auto-Reply] Countersign - Access Approval Notification - #req-1",
                "  Abwesend: Countersign - Access Approval Notification - #req-1",
                "Undeliverable: Countersign - Access Approval Notification - #req-1"
            })
    void aSubjectAMailProgramWritesForAnAutoReplyIsAutomatic(String subject) {
        assertThat(AutomaticMail.automaticSubject(subject)).as(subject).isTrue();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "Re: Countersign - Access Approval Notification - #req-1",
                "AW: Countersign - Access Approval Notification - #req-1",
                "RE: Automatic reply: Countersign - Access Approval Notification - #req-1",
                "Awaiting your decision",
                "Automation rollout - #req-1",
                "Oooh, approved",
                "Vacations are over",
                "Countersign - Access Approval Notification - #req-1"
            })
    void aSubjectAPersonWritesIsNot(String subject) {
        assertThat(AutomaticMail.automaticSubject(subject)).as(subject).isFalse();
    }
}
