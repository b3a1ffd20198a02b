package io.stepwise.asl.validation;

/**
 * A JSON pointer into the definition under validation. Kept as the already-escaped text so that
 * building child pointers while walking the tree is cheap.
 */
record Location(String pointer) {

    static final Location ROOT = new Location("");

    Location child(String name) {
        return new Location(pointer + "/" + name.replace("~", "~0").replace("/", "~1"));
    }

    Location index(int i) {
        return new Location(pointer + "/" + i);
    }

    /** AWS writes the whole document as "/" rather than RFC 6901's empty string. */
    @Override
    public String toString() {
        return pointer.isEmpty() ? "/" : pointer;
    }
}
