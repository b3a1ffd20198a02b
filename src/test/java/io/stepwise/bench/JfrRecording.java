package io.stepwise.bench;

import java.nio.file.Path;
import java.time.Duration;
import jdk.jfr.Configuration;
import jdk.jfr.Recording;

/**
 * A JFR profile of one measuring window (start-up left out), only when asked:
 * {@code -Dbench.jfr=<file prefix>} writes {@code <prefix>-<millis>.jfr}. {@link AsyncProfile} is the
 * other profiler; this one needs nothing outside the JDK but does not see the JIT and GC threads.
 */
final class JfrRecording {

    private final Recording recording;

    private JfrRecording(Recording recording) {
        this.recording = recording;
    }

    static JfrRecording startIfAsked() throws Exception {
        if (System.getProperty("bench.jfr") == null) {
            return null;
        }
        var recording = new Recording(Configuration.getConfiguration("profile"));
        // a sample every millisecond: the default 10-20 ms leaves a few hundred samples per drain
        recording.enable("jdk.ExecutionSample").withPeriod(Duration.ofMillis(1));
        // every compilation, not only those over 100 ms: what the JIT is still doing during a drain
        recording.enable("jdk.Compilation").withThreshold(Duration.ZERO);
        recording.enable("jdk.Deoptimization");
        recording.start();
        return new JfrRecording(recording);
    }

    void stop() throws Exception {
        recording.stop();
        recording.dump(Path.of(System.getProperty("bench.jfr") + "-" + System.currentTimeMillis() + ".jfr"));
        recording.close();
    }
}
