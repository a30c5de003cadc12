package io.countersign.testing;

import java.io.IOException;
import java.io.InputStream;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Another process that holds an embedded H2 database open, as a second Countersign would find a first
 * one's: H2 shares a database between the connections of one JVM, so only another process takes its
 * file lock. It prints {@code open} once the lock is held and lets go when its input closes.
 */
public final class EmbeddedDatabaseHolder implements AutoCloseable {

    private final Process process;

    private EmbeddedDatabaseHolder(Process process) {
        this.process = process;
    }

    /** Starts the process and returns once it holds the database {@code url} names. */
    public static EmbeddedDatabaseHolder holding(String url) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(EmbeddedDatabaseHolder.class.getName());
        command.add(url);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String said = new String(process.getInputStream().readNBytes("open".length()));
        if (!said.equals("open")) {
            process.destroyForcibly();
            throw new IllegalStateException("The holding process did not open the database: " + said);
        }
        return new EmbeddedDatabaseHolder(process);
    }

    @Override
    public void close() throws IOException {
        process.getOutputStream().close();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    public static void main(String[] args) throws SQLException, IOException {
        try (Connection connection = DriverManager.getConnection(args[0], "sa", "")) {
            System.out.print("open");
            System.out.flush();
            InputStream input = System.in;
            while (input.read() >= 0) {
                // held until the test closes its end
            }
        }
    }
}
