package io.stepwise.asl;

/** A definition that is not valid ASL; {@code location} is a JSON pointer to the offending field. */
public class InvalidDefinitionException extends RuntimeException {

    private final String location;

    public InvalidDefinitionException(String message, String location) {
        super(message);
        this.location = location;
    }

    public String location() {
        return location;
    }
}
