import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Stepwise activity worker with the JDK alone (java.net.http; no JSON library, so it handles the
 * two fields it needs by hand; use your JSON library in real code). Run it as a single-file program:
 *
 * <pre>java ActivityWorker.java http://localhost:8080 resize-image [tasks]</pre>
 *
 * It long-polls the activity, sends a heartbeat, does the work and answers with the task token.
 */
public class ActivityWorker {

    private static final Pattern TOKEN = Pattern.compile("\"taskToken\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern INPUT = Pattern.compile("\"input\"\\s*:\\s*(.*)}\\s*$", Pattern.DOTALL);

    public static void main(String[] args) throws Exception {
        String url = args.length > 0 ? args[0] : "http://localhost:8080";
        String activity = args.length > 1 ? args[1] : "example";
        int tasks = args.length > 2 ? Integer.parseInt(args[2]) : 0;
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        int done = 0;
        while (tasks == 0 || done < tasks) {
            HttpResponse<String> polled = post(http, url + "/v1/activities/" + activity + "/poll?waitSeconds=20",
                    "{\"workerName\": \"java-worker\"}");
            if (polled.statusCode() == 204) {
                continue; // nothing came within the wait: poll again
            }
            if (polled.statusCode() != 200) {
                throw new IllegalStateException("poll answered " + polled.statusCode() + ": " + polled.body());
            }
            Matcher token = TOKEN.matcher(polled.body());
            Matcher input = INPUT.matcher(polled.body());
            if (!token.find() || !input.find()) {
                throw new IllegalStateException("unexpected poll answer: " + polled.body());
            }
            String taskToken = token.group(1);
            post(http, url + "/v1/tasks/heartbeat", "{\"taskToken\": \"" + taskToken + "\"}");
            String output = "{\"handledBy\": \"java\", \"input\": " + input.group(1) + "}";
            HttpResponse<String> answered = post(http, url + "/v1/tasks/success",
                    "{\"taskToken\": \"" + taskToken + "\", \"output\": " + output + "}");
            if (answered.statusCode() != 204) {
                System.out.println("answer refused (" + answered.statusCode() + "): " + answered.body());
            }
            done++;
        }
        System.out.println("java-worker: " + done + " tasks");
    }

    private static HttpResponse<String> post(HttpClient http, String uri, String json) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(uri)).timeout(Duration.ofSeconds(70))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
