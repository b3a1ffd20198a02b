package io.stepwise.asl.model;

import tools.jackson.databind.JsonNode;

/** Wait: exactly one of the four ways to say until when. Seconds/Timestamp may be JSONata strings. */
public record WaitState(Common common, JsonNode seconds, JsonNode timestamp, String secondsPath, String timestampPath)
        implements State {

    @Override
    public String type() {
        return StateType.WAIT.aslName();
    }
}
