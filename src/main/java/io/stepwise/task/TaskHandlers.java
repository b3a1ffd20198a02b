package io.stepwise.task;

import io.stepwise.asl.ErrorNames;
import io.stepwise.asl.Json;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * Finds the {@link TaskHandler} for a Task state's {@code Resource} string, and runs it.
 *
 * <p>Resolution, in order; matching is exact and case-sensitive, with no wildcards or ARN parsing:
 * <ol>
 *   <li>a handler that lists the whole string in {@link TaskHandler#resources()};</li>
 *   <li>{@code stepwise:bean:<beanName>}: the {@code TaskHandler} bean of that name;</li>
 *   <li>for {@code <resource>.waitForTaskToken}, the handler of {@code <resource>} (the durable engine then
 *       waits for the answer to the task token the handler passed on);</li>
 *   <li>otherwise there is no handler, and {@link #invoke(TaskRequest)} fails the task with
 *       {@code States.Runtime}: a missing handler is a deployment mistake that no Retry fixes and no
 *       Catch should hide.</li>
 * </ol>
 * Two handlers declaring the same name, or a handler declaring a {@code stepwise:bean:} name, stop
 * the application at start-up rather than picking one at random.
 */
@Component
public class TaskHandlers {

    public static final String BEAN_PREFIX = "stepwise:bean:";
    public static final String CALLBACK_SUFFIX = ".waitForTaskToken";

    private final Map<String, TaskHandler> byResource = new HashMap<>();
    private final Map<String, TaskHandler> byBeanName;

    /** @param handlersByBeanName every {@code TaskHandler} bean, keyed by bean name (as Spring injects it) */
    public TaskHandlers(Map<String, TaskHandler> handlersByBeanName) {
        this.byBeanName = Map.copyOf(handlersByBeanName);
        Map<String, String> declaredBy = new HashMap<>();
        handlersByBeanName.forEach((beanName, handler) -> {
            for (String resource : handler.resources()) {
                if (resource == null || resource.isBlank()) {
                    throw new IllegalStateException("Task handler bean '" + beanName + "' declares a blank resource");
                }
                if (resource.startsWith(BEAN_PREFIX)) {
                    throw new IllegalStateException("Task handler bean '" + beanName + "' declares '" + resource
                            + "', but " + BEAN_PREFIX + "* names address beans by name and cannot be declared");
                }
                String other = declaredBy.putIfAbsent(resource, beanName);
                if (other != null) {
                    throw new IllegalStateException("Task resource '" + resource + "' is declared by both '"
                            + other + "' and '" + beanName + "'");
                }
                byResource.put(resource, handler);
            }
        });
    }

    public Optional<TaskHandler> resolve(String resource) {
        TaskHandler declared = byResource.get(resource);
        if (declared != null) {
            return Optional.of(declared);
        }
        if (resource.endsWith(CALLBACK_SUFFIX)) {
            // the handler of the call itself: it passes $$.Task.Token on, and the step then waits for the answer
            return resolve(resource.substring(0, resource.length() - CALLBACK_SUFFIX.length()));
        }
        if (resource.startsWith(BEAN_PREFIX)) {
            return Optional.ofNullable(byBeanName.get(resource.substring(BEAN_PREFIX.length())));
        }
        return Optional.empty();
    }

    /** Every string {@link #resolve(String)} accepts: the declared names and each bean's bean-name form. */
    public SortedSet<String> knownResources() {
        SortedSet<String> known = new TreeSet<>(byResource.keySet());
        byBeanName.keySet().forEach(beanName -> known.add(BEAN_PREFIX + beanName));
        return Collections.unmodifiableSortedSet(known);
    }

    /**
     * Resolves the request's resource and runs its handler on the calling thread. The handler's
     * exceptions become a {@link TaskOutcome.Failed} (see {@link TaskFailure#from(Exception)}); a run
     * cancelled before the handler finished is {@link TaskOutcome.Cancelled}, whatever it returned.
     */
    public TaskOutcome invoke(TaskRequest request) {
        Optional<TaskHandler> handler = resolve(request.resource());
        if (handler.isEmpty()) {
            return new TaskOutcome.Failed(ErrorNames.RUNTIME, "No task handler serves resource '"
                    + request.resource() + "'. Known resources: " + knownResources());
        }
        Cancellation cancellation = request.cancellation();
        cancellation.attach(Thread.currentThread());
        TaskOutcome outcome;
        try {
            JsonNode output = handler.get().handle(request);
            outcome = new TaskOutcome.Succeeded(output == null ? Json.NODES.nullNode() : output);
        } catch (TaskCancelledException e) {
            outcome = new TaskOutcome.Cancelled();
        } catch (InterruptedException e) {
            outcome = new TaskOutcome.Cancelled();
            if (!cancellation.isCancelled()) {
                // someone else interrupted this thread (a worker shutting down): let the caller see it
                Thread.currentThread().interrupt();
            }
        } catch (Exception e) {
            TaskFailure failure = TaskFailure.from(e);
            outcome = new TaskOutcome.Failed(failure.error(), failure.cause());
        } finally {
            if (cancellation.detach()) {
                // the interrupt was ours, meant for the handler; the caller's thread goes on
                Thread.interrupted();
            }
        }
        return cancellation.isCancelled() ? new TaskOutcome.Cancelled() : outcome;
    }
}
