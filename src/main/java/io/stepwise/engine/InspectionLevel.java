package io.stepwise.engine;

/** How much a TestState call reports: INFO only the outcome; DEBUG and TRACE also inspectionData. */
public enum InspectionLevel {
    INFO, DEBUG, TRACE
}
