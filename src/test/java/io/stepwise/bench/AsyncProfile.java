package io.stepwise.bench;

import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;

/**
 * A CPU profile of one measuring window by async-profiler, which (unlike JFR) also sees the JVM's own
 * threads (GC, JIT) and native frames. Only when asked:
 * {@code -Dbench.asprof=<async-profiler jar>} (tools.profiler:async-profiler, from Maven Central; the
 * jar holds the native library) and {@code -Dbench.asprof.out=<file prefix>}; writes collapsed stacks.
 * Loaded by reflection so the project does not depend on it.
 */
final class AsyncProfile {

    private final Object profiler;
    private final Method execute;

    private AsyncProfile(Object profiler, Method execute) {
        this.profiler = profiler;
        this.execute = execute;
    }

    /** One per JVM: the native library can be loaded by one class loader only. */
    private static AsyncProfile loaded;

    static synchronized AsyncProfile startIfAsked() throws Exception {
        String jar = System.getProperty("bench.asprof");
        if (jar == null) {
            return null;
        }
        if (loaded == null) {
            loaded = load(jar);
        }
        loaded.execute.invoke(loaded.profiler, "start," + System.getProperty("bench.asprof.event", "event=cpu,interval=1ms"));
        return loaded;
    }

    private static AsyncProfile load(String jar) throws Exception {
        Path lib = Path.of(System.getProperty("java.io.tmpdir"), "stepwise-asprof", "libasyncProfiler.so");
        if (!lib.toFile().exists()) {
            lib.getParent().toFile().mkdirs();
            try (var zip = new java.util.zip.ZipFile(jar)) {
                java.nio.file.Files.copy(zip.getInputStream(zip.getEntry("linux-x64/libasyncProfiler.so")), lib);
            }
        }
        var loader = new URLClassLoader(new URL[] {Path.of(jar).toUri().toURL()}, AsyncProfile.class.getClassLoader());
        Class<?> type = loader.loadClass("one.profiler.AsyncProfiler");
        Object profiler = type.getMethod("getInstance", String.class).invoke(null, lib.toString());
        return new AsyncProfile(profiler, type.getMethod("execute", String.class));
    }

    void stop() throws Exception {
        String out = System.getProperty("bench.asprof.out", "target/bench/asprof") + "-" + System.currentTimeMillis()
                + ".collapsed";
        execute.invoke(profiler, "stop,collapsed,file=" + out);
    }
}
