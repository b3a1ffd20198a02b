package io.stepwise.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.stepwise.support.Eventually;
import io.stepwise.support.IntegrationTest;
import java.io.File;
import java.io.IOException;
import java.io.StringWriter;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.openapitools.codegen.DefaultGenerator;
import org.openapitools.codegen.config.CodegenConfigurator;

/**
 * The document is usable: a client generated from it with openapi-generator compiles, and code written
 * against that client (typed calls, no hand-written HTTP) registers a state machine, starts an execution,
 * reads it back to its end, and gets a 404 for an unknown one.
 *
 * <p>The client is Java ({@code native} library: the JDK's HttpClient and the Jackson 2 already on the test
 * classpath), generated into target/ and compiled in-process with {@link JavaCompiler}, because that is what
 * works offline from Maven Central alone. A Python client would need its runtime packages (pydantic,
 * urllib3) from PyPI, which the build machines cannot reach.
 */
class OpenApiClientTest extends IntegrationTest {

    private static final Path ROOT = Path.of("target", "openapi-client");

    /** Written against the generated client: if the document loses an operation or a field, this stops compiling. */
    private static final String USER = """
            package stepwise.client;

            import java.util.Map;
            import java.util.UUID;
            import stepwise.client.api.ExecutionsApi;
            import stepwise.client.api.StateMachinesApi;
            import stepwise.client.model.ExecutionResponse;
            import stepwise.client.model.PutStateMachineRequest;
            import stepwise.client.model.StartExecutionRequest;
            import stepwise.client.model.StartExecutionResponse;
            import stepwise.client.model.StateMachineVersionResponse;

            public final class ClientUser {

                /** Registers the machine and starts it: "version=… started=… id=…". */
                public static String start(String baseUrl) throws Exception {
                    ApiClient client = client(baseUrl);
                    StateMachineVersionResponse version = new StateMachinesApi(client).putStateMachine("greeter",
                            new PutStateMachineRequest().definition(Map.of("StartAt", "Greet", "States", Map.of("Greet",
                                    Map.of("Type", "Pass", "Parameters", Map.of("greeting.$",
                                            "States.Format('Hello, {}', $.who)"), "End", true)))));
                    StartExecutionResponse started = new ExecutionsApi(client).startExecution(new StartExecutionRequest()
                            .stateMachine("greeter").name("from-the-client").input(Map.of("who", "client")));
                    return "version=" + version.getVersion() + " started=" + started.getStatus() + " id="
                            + started.getExecutionId();
                }

                /** Reads the execution back, and an unknown one: "ended=… output=… unknown=…". */
                public static String read(String baseUrl, String id) throws Exception {
                    ExecutionsApi executions = new ExecutionsApi(client(baseUrl));
                    ExecutionResponse execution = executions.getExecution(UUID.fromString(id));
                    int missing;
                    try {
                        executions.getExecution(UUID.randomUUID());
                        missing = 200;
                    } catch (ApiException e) {
                        missing = e.getCode();
                    }
                    return "ended=" + execution.getStatus() + " output=" + execution.getOutput() + " unknown=" + missing;
                }

                private static ApiClient client(String baseUrl) {
                    ApiClient client = new ApiClient();
                    client.updateBaseUri(baseUrl);
                    return client;
                }
            }
            """;

    @Test
    void aClientGeneratedFromTheDocumentRunsAnExecution() throws Exception {
        deleteRecursively(ROOT);
        Path spec = ROOT.resolve("api-docs.json");
        Files.createDirectories(ROOT);
        Files.writeString(spec, api.get("/v3/api-docs").raw());

        CodegenConfigurator configurator = new CodegenConfigurator()
                .setGeneratorName("java")
                .setLibrary("native")
                .setInputSpec(spec.toString())
                .setOutputDir(ROOT.resolve("generated").toString())
                .setInvokerPackage("stepwise.client")
                .setApiPackage("stepwise.client.api")
                .setModelPackage("stepwise.client.model")
                .setValidateSpec(true)
                .addAdditionalProperty("openApiNullable", false)
                .addAdditionalProperty("useJakartaEe", true)
                .addAdditionalProperty("hideGenerationTimestamp", true)
                .addGlobalProperty("apiTests", "false")
                .addGlobalProperty("modelTests", "false")
                .addGlobalProperty("apiDocs", "false")
                .addGlobalProperty("modelDocs", "false");
        List<File> generated = new DefaultGenerator().opts(configurator.toClientOptInput()).generate();
        assertThat(generated).extracting(File::getName).contains("StateMachinesApi.java", "ExecutionsApi.java",
                "TestStateApi.java", "Problem.java");

        Path sources = ROOT.resolve("generated/src/main/java");
        Path user = sources.resolve("stepwise/client/ClientUser.java");
        Files.writeString(user, USER);
        Path classes = ROOT.resolve("classes");
        Files.createDirectories(classes);
        compile(sources, classes);

        try (URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()},
                getClass().getClassLoader())) {
            Class<?> clientUser = loader.loadClass("stepwise.client.ClientUser");
            String baseUrl = "http://localhost:" + port;
            String started = (String) clientUser.getMethod("start", String.class).invoke(null, baseUrl);
            assertThat(started).startsWith("version=1 started=RUNNING id=");
            String id = started.substring(started.indexOf("id=") + 3);
            Method read = clientUser.getMethod("read", String.class, String.class);
            String ended = Eventually.await(Duration.ofSeconds(10), () -> invoke(read, baseUrl, id),
                    answer -> !answer.startsWith("ended=RUNNING"));
            assertThat(ended).isEqualTo("ended=SUCCEEDED output={greeting=Hello, client} unknown=404");
        }
    }

    private static String invoke(Method method, Object... args) {
        try {
            return (String) method.invoke(null, args);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void compile(Path sources, Path classes) throws IOException {
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        List<String> files;
        try (Stream<Path> walk = Files.walk(sources)) {
            files = walk.filter(p -> p.toString().endsWith(".java")).map(Path::toString).toList();
        }
        StringWriter diagnostics = new StringWriter();
        List<String> options = List.of("-d", classes.toString(), "-proc:none", "-nowarn", "-classpath",
                System.getProperty("java.class.path"));
        try (StandardJavaFileManager fileManager = compiler.getStandardFileManager(null, null, null)) {
            boolean compiled = compiler.getTask(diagnostics, fileManager, null, options, null,
                    fileManager.getJavaFileObjectsFromStrings(files)).call();
            assertThat(compiled).as("the generated client compiles:%n%s", diagnostics).isTrue();
        }
    }

    private static void deleteRecursively(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
