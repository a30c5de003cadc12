package io.countersign.bench.resilience;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Runs the service jar as separate processes on one database, and kills them the hard way: a
 * SIGKILL gives the instance no chance to finish a transaction, release a scheduler task or answer
 * a waiting client. Each instance has its own working directory and an appended log file; its
 * process id is written next to them so that the script can clean up after a crashed run.
 */
final class Instances implements AutoCloseable {

    private final Settings settings;
    private final List<Process> processes = new ArrayList<>();

    Instances(Settings settings) {
        this.settings = settings;
        settings.ports().forEach(port -> processes.add(null));
    }

    int count() {
        return processes.size();
    }

    static String name(int instance) {
        return String.valueOf((char) ('a' + instance));
    }

    void start(int instance) throws IOException {
        Path directory = settings.workDirectory().resolve("instance-" + name(instance));
        Files.createDirectories(directory);
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(settings.javaOptions());
        command.addAll(List.of("-jar", settings.jar().toAbsolutePath().toString()));
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(directory.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(settings.workDirectory()
                        .resolve("instance-" + name(instance) + ".log")
                        .toFile()));
        Map<String, String> environment = builder.environment();
        environment.put("COUNTERSIGN_DB_URL", settings.databaseUrl());
        environment.put("COUNTERSIGN_DB_POOL_SIZE", "10");
        environment.put("COUNTERSIGN_PORT", String.valueOf(settings.ports().get(instance)));
        environment.put("COUNTERSIGN_ENCRYPTION_KEY", settings.encryptionKey());
        environment.put("COUNTERSIGN_BOOTSTRAP_ADMIN_TOKEN", settings.adminToken());
        environment.put("COUNTERSIGN_INSTANCE_NAME", "resilience-" + name(instance));
        Process process = builder.start();
        processes.set(instance, process);
        Files.writeString(
                settings.workDirectory().resolve("instance-" + name(instance) + ".pid"), Long.toString(process.pid()));
    }

    /** {@code kill -9}, then waits until the process is gone so that its port is free again. */
    void kill(int instance) throws IOException, InterruptedException {
        Process process = processes.get(instance);
        Process kill = new ProcessBuilder("kill", "-9", Long.toString(process.pid()))
                .inheritIO()
                .start();
        if (kill.waitFor() != 0) {
            throw new IllegalStateException("kill -9 " + process.pid() + " failed");
        }
        process.waitFor();
    }

    boolean alive(int instance) {
        Process process = processes.get(instance);
        return process != null && process.isAlive();
    }

    @Override
    public void close() {
        for (Process process : processes) {
            if (process != null && process.isAlive()) {
                process.destroy();
            }
        }
        for (int i = 0; i < processes.size(); i++) {
            if (processes.get(i) != null) {
                processes.get(i).onExit().join();
                // a stale pid file could point the script's clean-up at an unrelated process
                settings.workDirectory()
                        .resolve("instance-" + name(i) + ".pid")
                        .toFile()
                        .delete();
            }
        }
    }
}
