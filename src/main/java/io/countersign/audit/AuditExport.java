package io.countersign.audit;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes every audit event matching the filters of an {@link AuditQuery} (its cursor and limit do not
 * apply) to a stream, oldest first, as CSV or JSON Lines. Rows come through a database cursor and go
 * out as they are read, flushed every {@value #FLUSH_EVERY} rows, so an export of any size costs the
 * same memory and the download starts at once. The API and the audit page both export through here.
 */
@Service
public class AuditExport {

    static final int FETCH_SIZE = 500;
    static final int FLUSH_EVERY = 1000;

    private final AuditRows rows;
    private final TransactionTemplate readOnly;
    private final JsonMapper json;
    private final AuditSealer sealer;

    AuditExport(AuditRows rows, TransactionTemplate transactions, JsonMapper json, AuditSealer sealer) {
        this.rows = rows;
        this.sealer = sealer;
        this.readOnly = new TransactionTemplate(transactions.getTransactionManager());
        this.readOnly.setReadOnly(true);
        this.json = json;
    }

    /**
     * @throws io.countersign.shared.InvalidInputException before anything is written, naming every
     *     filter out of bounds
     * @return how many events were written
     */
    public long write(AuditQuery filters, AuditExportFormat format, OutputStream out) {
        filters.check();
        // every event committed before the export asked is in the chain it reads
        sealer.awaitSealedForReading();
        Writer writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 64 * 1024);
        long[] written = {0};
        // a transaction, because PostgreSQL reads through a cursor only when auto-commit is off
        readOnly.executeWithoutResult(tx -> {
            try {
                if (format == AuditExportFormat.CSV) {
                    writer.write(AuditCsv.HEADER);
                }
                rows.eachMatching(filters, FETCH_SIZE, event -> {
                    try {
                        writer.write(format == AuditExportFormat.CSV ? AuditCsv.of(event) : jsonLine(event));
                        if (++written[0] % FLUSH_EVERY == 0) {
                            writer.flush();
                        }
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
                writer.flush();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        return written[0];
    }

    private String jsonLine(AuditRecord event) {
        return json.writeValueAsString(event) + "\n";
    }
}
