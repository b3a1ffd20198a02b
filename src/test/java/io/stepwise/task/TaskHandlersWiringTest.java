package io.stepwise.task;

import static io.stepwise.task.TaskRequests.request;
import static org.assertj.core.api.Assertions.assertThat;

import io.stepwise.asl.Json;
import io.stepwise.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The registry the running service builds from its beans. */
class TaskHandlersWiringTest extends IntegrationTest {

    @Autowired
    TaskHandlers handlers;

    @Test
    void theServiceKnowsTheBuiltInsByNameAndByBeanName() {
        assertThat(handlers.knownResources()).contains("stepwise:echo", "stepwise:sleep", "stepwise:fail",
                "stepwise:bean:echoTask", "stepwise:bean:sleepTask", "stepwise:bean:failTask");
        assertThat(handlers.invoke(request("stepwise:bean:echoTask", "{\"via\":\"bean name\"}")))
                .isEqualTo(new TaskOutcome.Succeeded(Json.parse("{\"via\":\"bean name\"}")));
    }
}
