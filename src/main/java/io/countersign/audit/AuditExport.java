package io.countersign.audit;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.Semaphore;
import org.springframework.stereotype.Service;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes every audit event matching the filters of an {@link AuditQuery} (its cursor and limit do not
 * apply) to a stream, oldest first, as CSV or JSON Lines. The events are read {@value #BATCH_SIZE} at a
 * time by id, each batch in a read of its own, and written out with no database connection held: a
 * client that stops reading stalls its export, never the connections that checks and readiness need.
 * The export covers the events sealed when it starts; since sealed events are never changed and are
 * numbered in the order they are sealed, it is the same ordered set a single read would return. Output
 * is flushed every {@value #FLUSH_EVERY} rows, so an export of any size costs the same memory and the
 * download starts at once. At most {@code countersign.audit.export-concurrency} exports run at once on
 * an instance. The API and the audit page both export through here.
 */
@Service
public class AuditExport {

    static final int BATCH_SIZE = 500;
    static final int FLUSH_EVERY = 1000;

    private final AuditRows rows;
    private final JsonMapper json;
    private final AuditSealer sealer;
    private final Semaphore running;

    AuditExport(AuditRows rows, JsonMapper json, AuditSealer sealer, AuditProperties properties) {
        this.rows = rows;
        this.sealer = sealer;
        this.json = json;
        this.running = new Semaphore(properties.exportConcurrency());
    }

    /**
     * Takes one of the instance's export slots for an export about to start; {@link Slot#close} gives
     * it back, and {@link #write} does so when it ends.
     *
     * @throws ExportsBusyException when every slot is taken
     */
    public Slot reserve() {
        if (!running.tryAcquire()) {
            throw new ExportsBusyException();
        }
        return new Slot();
    }

    /** One export's place among those running on this instance. */
    public final class Slot implements AutoCloseable {

        private boolean open = true;

        private Slot() {}

        @Override
        public synchronized void close() {
            if (open) {
                open = false;
                running.release();
            }
        }
    }

    /**
     * Writes the export in the slot it was given and gives the slot back when it ends.
     *
     * @throws io.countersign.shared.InvalidInputException before anything is written, naming every
     *     filter out of bounds
     * @return how many events were written
     */
    public long write(Slot slot, AuditQuery filters, AuditExportFormat format, OutputStream out) {
        try (slot) {
            return stream(filters, format, out);
        }
    }

    /** As {@link #write(Slot, AuditQuery, AuditExportFormat, OutputStream)} in a slot of its own. */
    public long write(AuditQuery filters, AuditExportFormat format, OutputStream out) {
        return write(reserve(), filters, format, out);
    }

    private long stream(AuditQuery filters, AuditExportFormat format, OutputStream out) {
        filters.check();
        // every event committed before the export asked is in the chain it reads
        sealer.awaitSealedForReading();
        long upTo = rows.lastEventId();
        Writer writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 64 * 1024);
        long written = 0;
        try {
            if (format == AuditExportFormat.CSV) {
                writer.write(AuditCsv.HEADER);
            }
            long after = 0;
            List<AuditRecord> batch;
            do {
                batch = rows.matchingSlice(filters, after, upTo, BATCH_SIZE);
                for (AuditRecord event : batch) {
                    writer.write(format == AuditExportFormat.CSV ? AuditCsv.of(event) : jsonLine(event));
                    if (++written % FLUSH_EVERY == 0) {
                        writer.flush();
                    }
                    after = event.id();
                }
            } while (batch.size() == BATCH_SIZE);
            writer.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return written;
    }

    private String jsonLine(AuditRecord event) {
        return json.writeValueAsString(event) + "\n";
    }
}
