package io.stepwise.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** The markdown report: printed line by line as the run goes (a stopped run still shows its figures), then written whole. */
final class Report {

    private final StringBuilder text = new StringBuilder();

    void line(String s) {
        text.append(s).append('\n');
        System.out.println(s);
    }

    /** Writes {@code report-<UTC time>.md} into the directory and says where. */
    void write(Path directory) throws IOException {
        Files.createDirectories(directory);
        Path file = directory.resolve("report-" + DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC)
                .format(Instant.now()) + ".md");
        Files.writeString(file, text);
        System.out.println("\nReport written to " + file.toAbsolutePath());
    }

    static String pct(double ratio) {
        return String.format(Locale.ROOT, "%.0f %%", ratio * 100);
    }
}
