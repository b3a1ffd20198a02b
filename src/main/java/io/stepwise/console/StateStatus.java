package io.stepwise.console;

import java.util.Locale;

/**
 * What happened to a state, as the graph colours it. Each has an icon and a word too, so colour is
 * never the only signal. (Public methods: the page templates call them.)
 */
enum StateStatus {
    NOT_RUN("○", "not run"),
    RUNNING("●", "running"),
    SUCCEEDED("✓", "succeeded"),
    FAILED("✗", "failed"),
    CAUGHT("⤳", "caught"),
    RETRIED("↻", "retried"),
    CANCELLED("⊘", "cancelled");

    private final String icon;
    private final String label;

    StateStatus(String icon, String label) {
        this.icon = icon;
        this.label = label;
    }

    public String icon() {
        return icon;
    }

    public String label() {
        return label;
    }

    /** The CSS class suffix: {@code status-not-run}. */
    public String css() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
