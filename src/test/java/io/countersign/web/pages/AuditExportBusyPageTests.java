package io.countersign.web.pages;

import static org.assertj.core.api.Assertions.assertThat;

import io.countersign.audit.AuditExport;
import io.countersign.audit.ExportsBusyException;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The export button of the audit page, pressed while every export slot of the instance is taken, shows
 * a page saying to try again shortly, not the API's problem document.
 */
class AuditExportBusyPageTests extends ServedPagesTestBase {

    @Autowired
    AuditExport exports;

    private final List<AuditExport.Slot> taken = new ArrayList<>();

    @AfterEach
    void giveTheSlotsBack() {
        taken.forEach(AuditExport.Slot::close);
    }

    private void takeEverySlot() {
        try {
            while (taken.size() < 100) {
                taken.add(exports.reserve());
            }
        } catch (ExportsBusyException everyOneTaken) {
            return;
        }
        throw new AssertionError("the instance let 100 exports run at once");
    }

    @Test
    void anExportAskedFromThePageWhileEverySlotIsTakenIsAPageSayingToTryAgain() {
        Visitor auditor = Visitor.signedIn(base, api.person("reader", "AUDITOR", PASSWORD), PASSWORD);
        takeEverySlot();

        HttpResponse<String> busy = auditor.open(base + "/audit/export?format=csv");

        assertThat(busy.statusCode()).isEqualTo(429);
        assertThat(busy.headers().firstValue("Retry-After")).hasValue("5");
        assertThat(busy.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
        assertThat(busy.body())
                .contains("Too many audit exports", "try again in a few seconds", "Nothing was changed.")
                .doesNotContain("\"detail\"");

        taken.forEach(AuditExport.Slot::close);
        taken.clear();
        assertThat(auditor.open(base + "/audit/export?format=csv").statusCode()).isEqualTo(200);
    }
}
